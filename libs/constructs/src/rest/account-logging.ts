import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { targetOf } from '../app/account-scope';

/**
 * The account-wide (per Region) CloudWatch Logs role that API Gateway needs before any REST API
 * stage can write execution or access logs. AWS keeps one such setting per account and Region, so
 * exactly one stack may own it: in this repository the stacks of apps/account-settings, deployed
 * before any app. The role may write only to log groups of this account and Region.
 *
 * Destroying it leaves the account setting as it is (the provider's default; `reset_on_delete`
 * is deprecated and left out) while the role goes with it, so destroy the owner last.
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/api_gateway_account
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 */
export class ApiGatewayAccountLogging extends Construct {
  readonly account: ApiGatewayAccount;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const { accountId, region } = targetOf(this);
    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['apigateway.amazonaws.com'] }],
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [accountId] }],
        },
      ],
    });
    const role = new IamRole(this, 'role', {
      namePrefix: 'apigw-cloudwatch-',
      assumeRolePolicy: trust.json,
    });
    const logGroups = `arn:aws:logs:${region}:${accountId}:log-group:*`;
    const write = new DataAwsIamPolicyDocument(this, 'write', {
      statement: [
        {
          effect: 'Allow',
          actions: [
            'logs:CreateLogGroup',
            'logs:CreateLogStream',
            'logs:DescribeLogGroups',
            'logs:DescribeLogStreams',
            'logs:PutLogEvents',
            'logs:GetLogEvents',
            'logs:FilterLogEvents',
          ],
          resources: [logGroups, `${logGroups}:*`],
        },
      ],
    });
    new IamRolePolicy(this, 'policy', { role: role.id, policy: write.json });
    this.account = new ApiGatewayAccount(this, 'resource', { cloudwatchRoleArn: role.arn });
  }
}
