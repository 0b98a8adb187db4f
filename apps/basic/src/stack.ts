import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import {
  ReferenceStack,
  singleTargetStackProps,
} from '@apigw-private/constructs/app/reference-stack';
import { Ec2Client } from '@apigw-private/constructs/compute/ec2-client';
import { LambdaClient } from '@apigw-private/constructs/compute/lambda-client';
import { sessionManagerEndpoints } from '@apigw-private/constructs/endpoints/session-manager-endpoints';
import type { Mode } from '@apigw-private/constructs/providers/mode';
import { mockIntegration } from '@apigw-private/constructs/rest/mock-integration';
import { PrivateApiSpine } from '@apigw-private/constructs/spine/private-api-spine';
import type { BasicConfig } from './config';

export interface BasicStackProps {
  readonly config: BasicConfig;
  readonly mode: Mode;
  /** Private DNS on the execute-api endpoint (the first of the three DNS options). */
  readonly privateDns: boolean;
}

/**
 * The basic architecture: EC2 and VPC-attached Lambda clients call a private REST API through
 * an execute-api interface endpoint in two or more AZs. Outputs give the invoke URL of each DNS
 * option: private DNS, the endpoint's public DNS hostname with x-apigw-api-id, the Route 53 alias.
 */
export class BasicStack extends ReferenceStack {
  constructor(scope: Construct, id: string, props: BasicStackProps) {
    super(scope, id, singleTargetStackProps('basic', props));
    const { config } = props;

    const spine = new PrivateApiSpine(this, {
      network: { name: id, ...config.network },
      logs: config.logs,
      api: config.api,
      apiName: props.privateDns ? config.api.name : `${config.api.name}-dns-off`,
      description: 'Private REST API of the basic reference architecture',
      clientCidrs: config.clientCidrs,
      privateDns: props.privateDns,
    });
    const { network, endpoint, api, logsKey } = spine;
    api.addMethod('/hello', 'GET', {
      authorization: config.api.authorization,
      integration: mockIntegration(
        '{"message": "Hello from a private API", "vpce": "$context.identity.vpceId", "stage": "$context.stage"}',
      ),
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

    spine.addOutputs({ path: '/hello' });
  }
}
