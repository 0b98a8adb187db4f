import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { ReferenceStack } from '@apigw-private/constructs/app/reference-stack';
import { Ec2Client } from '@apigw-private/constructs/compute/ec2-client';
import { LambdaClient } from '@apigw-private/constructs/compute/lambda-client';
import { ExecuteApiEndpoint } from '@apigw-private/constructs/endpoints/execute-api-endpoint';
import { sessionManagerEndpoints } from '@apigw-private/constructs/endpoints/session-manager-endpoints';
import { LogsKey } from '@apigw-private/constructs/logging/log-group';
import { Network } from '@apigw-private/constructs/network/network';
import type { Mode } from '@apigw-private/constructs/providers/mode';
import { ApiGatewayAccountLogging } from '@apigw-private/constructs/rest/account-logging';
import { PrivateRestApi } from '@apigw-private/constructs/rest/private-rest-api';
import { ResourcePolicy } from '@apigw-private/constructs/rest/resource-policy';
import type { BasicConfig } from './config';

export interface BasicStackProps {
  readonly config: BasicConfig;
  readonly mode: Mode;
  /** Private DNS on the execute-api endpoint (the first of the three DNS options). */
  readonly privateDns: boolean;
  /** Whether this stack sets the account's API Gateway CloudWatch role. */
  readonly manageApiGatewayAccount: boolean;
}

/**
 * The basic architecture: EC2 and VPC-attached Lambda clients call a private REST API through
 * an execute-api interface endpoint in two or more AZs. Outputs give the invoke URL of each DNS
 * option: private DNS, the endpoint's public DNS hostname with x-apigw-api-id, the Route 53 alias.
 */
export class BasicStack extends ReferenceStack {
  constructor(scope: Construct, id: string, props: BasicStackProps) {
    const { config, mode } = props;
    super(scope, id, {
      app: 'basic',
      mode,
      target: { accountId: config.accountId, region: config.region, roleName: config.roleName },
      backend: config.backend,
      tags: { Architecture: 'basic' },
    });

    const logsKey = config.logs.kmsKey
      ? new LogsKey(this, 'logs-key', { accountId: config.accountId, region: config.region })
      : undefined;
    const network = new Network(this, 'network', {
      name: id,
      cidr: config.network.vpcCidr,
      azs: config.network.azs,
      subnetNewBits: config.network.subnetNewBits,
      flowLogs: { retentionDays: config.logs.retentionDays, kmsKey: logsKey },
    });

    const endpoint = new ExecuteApiEndpoint(this, 'execute-api', {
      network,
      clientCidrs: config.clientCidrs ?? [network.cidr],
      privateDns: props.privateDns,
    });

    const api = new PrivateRestApi(this, 'api', {
      name: props.privateDns ? config.api.name : `${config.api.name}-dns-off`,
      description: 'Private REST API of the basic reference architecture',
      endpoints: [endpoint],
      policy: ResourcePolicy.fromEndpoints([endpoint]),
      stage: {
        name: config.api.stageName,
        accessLogRetentionDays: config.logs.retentionDays,
        logsKey,
        loggingLevel: config.api.loggingLevel,
        throttleRateLimit: config.api.throttleRateLimit,
        throttleBurstLimit: config.api.throttleBurstLimit,
      },
      accountLogging: props.manageApiGatewayAccount
        ? new ApiGatewayAccountLogging(this, 'apigw-account')
        : undefined,
    });
    api.addMethod('/hello', 'GET', {
      authorization: config.api.authorization,
      integration: {
        type: 'MOCK',
        requestTemplates: { 'application/json': '{"statusCode": 200}' },
        responses: {
          '200': {
            templates: {
              'application/json':
                '{"message": "Hello from a private API", "vpce": "$context.identity.vpceId", "stage": "$context.stage"}',
            },
          },
        },
      },
    });

    const signRequests = config.api.authorization === 'AWS_IAM';
    if (config.clients.lambda) {
      const lambda = new LambdaClient(this, 'lambda-client', {
        network,
        api,
        endpoint,
        logRetentionDays: config.logs.retentionDays,
        logsKey,
        signRequests,
      });
      new TerraformOutput(this, 'lambda-client-name', {
        description:
          'Invoke with {"dns": "private" | "alias" | "endpoint"} to call /hello through each DNS option',
        value: lambda.function.functionName,
      });
    }
    if (config.clients.ec2) {
      const ec2 = new Ec2Client(this, 'ec2-client', {
        network,
        api,
        imageId: config.clients.ec2ImageId,
        instanceType: config.clients.ec2InstanceType,
      });
      new TerraformOutput(this, 'ec2-client-instance-id', {
        description: 'Open a shell with: aws ssm start-session --target <id>',
        value: ec2.instance.id,
      });
      if (config.clients.sessionManagerEndpoints) {
        sessionManagerEndpoints(this, {
          network,
          clients: { 'ec2-client': { securityGroup: ec2.securityGroup, roleArn: ec2.role.arn } },
        });
      }
    }

    if (props.privateDns) {
      new TerraformOutput(this, 'invoke-url-private-dns', {
        description: 'Option 1, private DNS: resolves to the endpoint only inside this VPC',
        value: `${api.privateDnsUrl}/hello`,
      });
    }
    new TerraformOutput(this, 'invoke-url-endpoint-dns', {
      description:
        'Option 2, the endpoint public DNS hostname: send the header in invoke-header-endpoint-dns',
      value: `https://${endpoint.publicDnsName}/${api.stageName}/hello`,
    });
    new TerraformOutput(this, 'invoke-header-endpoint-dns', {
      description: 'Header to send with option 2',
      value: `x-apigw-api-id: ${api.id}`,
    });
    new TerraformOutput(this, 'invoke-url-route53-alias', {
      description: 'Option 3, the Route 53 alias (endpoint-specific) name: no header needed',
      value: `${api.aliasUrl(endpoint)}/hello`,
    });
    new TerraformOutput(this, 'api-id', { value: api.id });
    new TerraformOutput(this, 'execute-api-endpoint-id', { value: endpoint.endpointId });
  }
}
