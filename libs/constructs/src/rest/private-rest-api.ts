import type { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { Construct } from 'constructs';
import { targetOf } from '../app/account-scope';
import type { IExecuteApiEndpoint } from '../endpoints/execute-api-endpoint';
import { Problems } from '../errors';
import type { ResourcePolicy } from './resource-policy';
import { Authorization, RestApiBase, RestApiBaseProps, RestIntegrationSpec } from './rest-api-base';

export interface MethodOptions {
  /**
   * How callers are authorized. NONE is accepted for private APIs because the resource policy
   * already restricts the network source; prefer AWS_IAM or an authorizer.
   * @default 'AWS_IAM'
   */
  readonly authorization?: Authorization;
  /**
   * Authorizer for CUSTOM or COGNITO_USER_POOLS.
   * @default - none
   */
  readonly authorizerId?: string;
  /**
   * Method request parameters, e.g. `{ 'method.request.path.proxy': true }`.
   * @default - none
   */
  readonly requestParameters?: Record<string, boolean>;
  readonly integration: RestIntegrationSpec;
}

export interface PrivateRestApiProps extends RestApiBaseProps {
  /**
   * What the API is for.
   * @default - a description naming the construct path
   */
  readonly description?: string;
  /** Execute-api endpoints associated with the API (each gets a Route 53 alias name). */
  readonly endpoints: readonly IExecuteApiEndpoint[];
  /** The resource policy; a private API cannot be deployed without one. */
  readonly policy: ResourcePolicy;
}

/**
 * A REST API of endpoint type PRIVATE, associated with the given execute-api endpoints, with its
 * mandatory resource policy, a deployment that redeploys whenever the API changes, and a stage
 * with access logs, X-Ray, metrics, execution logging and throttling.
 */
export class PrivateRestApi extends RestApiBase {
  /** The resource policy the API was given. */
  readonly policy: ResourcePolicy;

  constructor(scope: Construct, id: string, props: PrivateRestApiProps) {
    super(
      scope,
      id,
      'PrivateRestApi',
      props,
      (problems) => {
        if (!props.policy) {
          problems.add(
            'MissingResourcePolicy',
            'props.policy',
            props.policy,
            'is required: a private API cannot be deployed without a resource policy',
          );
        } else {
          problems.merge(props.policy.problems('props.policy').items);
        }
        problems.check(
          props.endpoints.length > 0,
          'NoEndpoints',
          'props.endpoints',
          [],
          'must list at least one execute-api endpoint',
        );
      },
      (self) => ({
        description: props.description ?? `Private REST API (${self.node.path})`,
        endpointConfiguration: {
          types: ['PRIVATE'],
          vpcEndpointIds: props.endpoints.map((e) => e.endpointId),
        },
        policy: props.policy.render(self, 'resource-policy').json,
        disableExecuteApiEndpoint: false,
        // Declares the intent, so the guardrails catch a private API that someone made public.
        tags: { Exposure: 'private' },
      }),
    );
    this.policy = props.policy;
    for (const endpoint of props.endpoints) endpoint.allowInvoke?.(this.api.executionArn);
  }

  /** Private DNS invoke URL; resolves only inside VPCs whose execute-api endpoint has private DNS on. */
  get privateDnsUrl(): string {
    return `https://${this.api.id}.execute-api.${targetOf(this).region}.amazonaws.com/${this.stage.stageName}`;
  }

  /** Route 53 alias (endpoint-specific) invoke URL; publicly resolvable, no extra header needed. */
  aliasUrl(endpoint: IExecuteApiEndpoint): string {
    return `https://${this.api.id}-${endpoint.endpointId}.execute-api.${targetOf(this).region}.amazonaws.com/${this.stage.stageName}`;
  }

  /** Adds a method and its integration at `path`; the deployment picks it up. */
  addMethod(path: string, httpMethod: string, options: MethodOptions): ApiGatewayMethod {
    const authorization: Authorization = options.authorization ?? 'AWS_IAM';
    const problems = new Problems(`PrivateRestApi ${this.node.path}`).check(
      (authorization === 'CUSTOM' || authorization === 'COGNITO_USER_POOLS') ===
        (options.authorizerId !== undefined),
      'AuthorizerMismatch',
      'options.authorizerId',
      options.authorizerId,
      'must be set exactly when authorization is CUSTOM or COGNITO_USER_POOLS',
    );
    return this.buildMethod(
      path,
      httpMethod,
      {
        authorization,
        authorizerId: options.authorizerId,
        requestParameters: options.requestParameters,
      },
      options.integration,
      problems,
    );
  }
}
