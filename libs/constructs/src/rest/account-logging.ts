import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { targetOf } from '../app/account-scope';

/**
 * The account-wide (per Region) CloudWatch Logs role that API Gateway needs before any stage can
 * write execution or access logs. It is a singleton per account and Region: let exactly one stack
 * own it (the app configs have a switch). The role may write only to log groups of this account
 * and Region, and destroying the stack resets the account setting.
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
    this.account = new ApiGatewayAccount(this, 'resource', {
      cloudwatchRoleArn: role.arn,
      resetOnDelete: true,
    });
  }
}
