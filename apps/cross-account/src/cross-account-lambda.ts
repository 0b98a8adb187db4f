import type { Construct } from 'constructs';
import { BackendFunction } from '@apigw-private/constructs/compute/backend-function';
import { LambdaProxyIntegration } from '@apigw-private/constructs/rest/lambda-integration';
import { CrossAccountStack, CrossAccountStackProps } from './common';
import { STACKS } from './config';

/**
 * Variant 5: the central account's private API calls a Lambda function in another account with
 * a Lambda proxy integration. No VPC link and no role: the function's resource-based policy
 * (aws_lambda_permission, written with the Lambda account's provider) lets API Gateway invoke it
 * for this API's `GET /lambda` only, from the central account only.
 */
export class CrossAccountLambdaStack extends CrossAccountStack {
  constructor(scope: Construct, props: CrossAccountStackProps) {
    super(scope, STACKS.crossAccountLambda, 'central', props, 'cross-account-lambda');
    const { config } = this;
    const network = this.networkFor('central');
    const endpoint = this.executeApiEndpoint('central', network, [network.cidr]);
    const authorization = config.privateApi.centralAuthorization;
    const api = this.privateApi({ account: 'central', endpoints: [endpoint], authorization });
    const backend = new BackendFunction(this.scopeFor('lambda'), 'backend', {
      name: `${this.stackId}-backend`,
      logRetentionDays: config.logs.retentionDays,
      logsKey: this.logsKeyFor('lambda'),
    });
    const integration = new LambdaProxyIntegration(this, 'lambda-integration', {
      api,
      function: backend.function,
      httpMethod: 'GET',
      path: '/lambda',
    });
    api.addMethod('/lambda', 'GET', { authorization, integration: integration.integration });
    this.lambdaClient({
      network,
      api,
      endpoint,
      signRequests: authorization === 'AWS_IAM',
      usage: 'Invoke with {"path": "/lambda"} (README.md)',
    });
    this.output('invoke-url-private-dns', `${api.privateDnsUrl}/lambda`, 'From the central VPC');
    this.output('backend-function-arn', backend.function.arn, 'The function in the Lambda account');
  }
}
