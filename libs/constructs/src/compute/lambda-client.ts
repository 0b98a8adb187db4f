import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { Construct } from 'constructs';
import { targetOf } from '../app/account-scope';
import type { LogsKey } from '../logging/log-group';
import type { Network } from '../network/network';
import { httpsToVpc, SecurityGroup } from '../network/security-group';
import type { ExecuteApiEndpoint } from '../endpoints/execute-api-endpoint';
import type { PrivateRestApi } from '../rest/private-rest-api';
import { nodeFunction } from '../lambda/node-function';

export interface LambdaClientProps {
  readonly network: Network;
  readonly api: PrivateRestApi;
  readonly endpoint: ExecuteApiEndpoint;
  /** Days to keep the function's logs. */
  readonly logRetentionDays: number;
  /**
   * Key for the function's log group.
   * @default - service-managed encryption
   */
  readonly logsKey?: LogsKey;
  /**
   * Sign requests with SigV4 (for methods with AWS_IAM authorization).
   * @default true
   */
  readonly signRequests?: boolean;
}

/**
 * A VPC-attached Lambda function in the private subnets that calls the private API through the
 * execute-api endpoint: egress only to the VPC on 443, execute-api:Invoke on this API only, logs
 * with retention, X-Ray on.
 */
export class LambdaClient extends Construct {
  readonly function: LambdaFunction;
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: LambdaClientProps) {
    super(scope, id);
    const name = `${props.network.name}-api-client`;
    const { accountId, region } = targetOf(this);
    const ec2 = `arn:aws:ec2:${region}:${accountId}`;
    const inThisVpc = [
      { test: 'ArnEquals', variable: 'ec2:Vpc', values: [`${ec2}:vpc/${props.network.vpc.id}`] },
    ];
    this.securityGroup = new SecurityGroup(this, 'sg', {
      vpcId: props.network.vpc.id,
      name: `${name}-lambda`,
      description: 'Lambda API client: HTTPS to the VPC (the execute-api endpoint) only',
      egress: httpsToVpc(props.network.cidr),
    });
    this.function = nodeFunction(this, 'resource', {
      name,
      asset: 'lambda-client',
      description: 'Calls the private API through the execute-api endpoint (test client)',
      logRetentionDays: props.logRetentionDays,
      logsKey: props.logsKey,
      statements: {
        // The network interfaces Lambda creates for VPC access, scoped as far as EC2 allows
        // (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-permissions,
        // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html):
        // created only in this function's subnets with its security group, and managed only in
        // this VPC (ec2:Vpc). DescribeNetworkInterfaces takes no resource, so it stays on *.
        CreateNetworkInterfacesInOwnSubnets: {
          actions: ['ec2:CreateNetworkInterface'],
          resources: [
            `${ec2}:network-interface/*`,
            `${ec2}:security-group/${this.securityGroup.id}`,
            ...props.network.subnetIds.map((subnet) => `${ec2}:subnet/${subnet}`),
          ],
          condition: inThisVpc,
        },
        ManageNetworkInterfacesInOwnVpc: {
          actions: [
            'ec2:DeleteNetworkInterface',
            'ec2:AssignPrivateIpAddresses',
            'ec2:UnassignPrivateIpAddresses',
          ],
          resources: [`${ec2}:network-interface/*`],
          condition: inThisVpc,
        },
        DescribeNetworkInterfaces: {
          actions: ['ec2:DescribeNetworkInterfaces'],
          resources: ['*'],
        },
        InvokeThisApiOnly: {
          actions: ['execute-api:Invoke'],
          resources: [`${props.api.executionArn}/*`],
        },
      },
      timeoutSeconds: 15,
      memorySize: 256,
      vpcConfig: { subnetIds: props.network.subnetIds, securityGroupIds: [this.securityGroup.id] },
      environment: {
        API_ID: props.api.id,
        STAGE: props.api.stageName,
        ENDPOINT_ID: props.endpoint.endpointId,
        ENDPOINT_DNS: props.endpoint.publicDnsName,
        PRIVATE_DNS: String(props.endpoint.privateDns),
        SIGN_REQUESTS: String(props.signRequests ?? true),
      },
    }).function;
  }
}
