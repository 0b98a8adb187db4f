import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Construct } from 'constructs';
import { targetOf } from '../app/account-scope';
import { providerOf } from '../connectivity/provider-of';
import { Problems } from '../errors';
import type { IRestApiRef } from './lambda-authorizer';
import type { RestIntegrationSpec } from './rest-api-base';

export interface LambdaProxyIntegrationProps {
  /** The API whose method calls the function. */
  readonly api: IRestApiRef;
  /** The function, in this account or another one of the same Region. */
  readonly function: LambdaFunction;
  /** HTTP method of the API method (or ANY). */
  readonly httpMethod: string;
  /** Resource path of the API method, e.g. `/lambda`. */
  readonly path: string;
}

/**
 * A Lambda proxy integration that works across accounts without a VPC link or a role: the
 * function's resource-based policy (aws_lambda_permission, created with the function account's
 * provider) lets API Gateway invoke it only for this API's method, from this API's account.
 * Pass `integration` to the API's `addMethod`.
 */
export class LambdaProxyIntegration extends Construct {
  readonly permission: LambdaPermission;
  readonly integration: RestIntegrationSpec;

  constructor(scope: Construct, id: string, props: LambdaProxyIntegrationProps) {
    super(scope, id);
    const apiTarget = targetOf(this);
    const functionTarget = targetOf(props.function);
    new Problems(`LambdaProxyIntegration ${this.node.path}`)
      .check(
        apiTarget.region === functionTarget.region,
        'RegionMismatch',
        'props.function',
        functionTarget.region,
        `must be a function in the API's Region ${apiTarget.region}`,
      )
      .check(
        /^\/[A-Za-z0-9._~{}+/-]*$/.test(props.path),
        'InvalidPath',
        'props.path',
        props.path,
        'must be a resource path starting with /',
      )
      .throwIfAny();
    const method = props.httpMethod === 'ANY' ? '*' : props.httpMethod;
    this.permission = new LambdaPermission(this, 'permission', {
      provider: providerOf(props.function),
      statementId: `AllowApiGateway-${apiTarget.accountId}`,
      action: 'lambda:InvokeFunction',
      functionName: props.function.functionName,
      principal: 'apigateway.amazonaws.com',
      sourceAccount: apiTarget.accountId,
      // Any stage of this API, this method and path only.
      sourceArn: `${props.api.executionArn}/*/${method}${props.path}`,
    });
    this.integration = {
      type: 'AWS_PROXY',
      integrationHttpMethod: 'POST',
      uri: props.function.invokeArn,
      timeoutMilliseconds: 29000,
    };
  }
}
