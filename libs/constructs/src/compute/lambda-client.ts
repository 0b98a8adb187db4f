import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { Construct } from 'constructs';
import { ServiceRole } from '../iam/service-role';
import { LogGroup, LogsKey } from '../logging/log-group';
import type { Network } from '../network/network';
import { SecurityGroup } from '../network/security-group';
import type { ExecuteApiEndpoint } from '../endpoints/execute-api-endpoint';
import type { PrivateRestApi } from '../rest/private-rest-api';
import { lambdaPackage } from './lambda-asset';

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
    this.securityGroup = new SecurityGroup(this, 'sg', {
      vpcId: props.network.vpc.id,
      name: `${name}-lambda`,
      description: 'Lambda API client: HTTPS to the VPC (the execute-api endpoint) only',
      egress: {
        https: {
          description: 'HTTPS to interface endpoints in the VPC',
          protocol: 'tcp',
          ports: 443,
          cidrs: [props.network.cidr],
        },
      },
    });
    const logs = new LogGroup(this, 'logs', {
      name: `/aws/lambda/${name}`,
      retentionDays: props.logRetentionDays,
      kmsKey: props.logsKey,
    });
    const role = new ServiceRole(this, 'role', {
      service: 'lambda.amazonaws.com',
      namePrefix: `${name}-`,
      statements: {
        WriteOwnLogs: {
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`${logs.arn}:*`],
        },
        // ENI management for VPC access; EC2 does not support resource-level scoping for these.
        ManageVpcNetworkInterfaces: {
          actions: [
            'ec2:CreateNetworkInterface',
            'ec2:DescribeNetworkInterfaces',
            'ec2:DeleteNetworkInterface',
            'ec2:AssignPrivateIpAddresses',
            'ec2:UnassignPrivateIpAddresses',
          ],
          resources: ['*'],
        },
        InvokeThisApiOnly: {
          actions: ['execute-api:Invoke'],
          resources: [`${props.api.executionArn}/*`],
        },
        WriteTraces: {
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          resources: ['*'],
        },
      },
    });
    const code = lambdaPackage(this, 'code', 'lambda-client');
    this.function = new LambdaFunction(this, 'resource', {
      functionName: name,
      description: 'Calls the private API through the execute-api endpoint (test client)',
      role: role.arn,
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      filename: code.filename,
      sourceCodeHash: code.sourceCodeHash,
      timeout: 15,
      memorySize: 256,
      architectures: ['arm64'],
      vpcConfig: { subnetIds: props.network.subnetIds, securityGroupIds: [this.securityGroup.id] },
      tracingConfig: { mode: 'Active' },
      loggingConfig: { logFormat: 'JSON', logGroup: logs.name },
      environment: {
        variables: {
          API_ID: props.api.id,
          STAGE: props.api.stageName,
          ENDPOINT_ID: props.endpoint.endpointId,
          ENDPOINT_DNS: props.endpoint.publicDnsName,
          PRIVATE_DNS: String(props.endpoint.privateDns),
          SIGN_REQUESTS: String(props.signRequests ?? true),
        },
      },
      dependsOn: [logs.resource],
    });
  }
}
