import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { Testing } from 'cdktf';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ec2Client } from '../src/compute/ec2-client';
import { LambdaClient } from '../src/compute/lambda-client';
import { base64Sha256, deterministicZip } from '../src/lambda/zip';
import { ExecuteApiEndpoint } from '../src/endpoints/execute-api-endpoint';
import { PrivateRestApi } from '../src/rest/private-rest-api';
import { ResourcePolicy } from '../src/rest/resource-policy';
import { synthObject, testNetwork, testStack, validationErrorOf } from './helpers';

function fixture() {
  const stack = testStack();
  const network = testNetwork(stack);
  const endpoint = new ExecuteApiEndpoint(stack, 'endpoint', {
    network,
    clientCidrs: [network.cidr],
  });
  const api = new PrivateRestApi(stack, 'api', {
    name: 'a',
    endpoints: [endpoint],
    policy: ResourcePolicy.fromEndpoints([endpoint]),
    stage: { accessLogRetentionDays: 30, throttleRateLimit: 10, throttleBurstLimit: 5 },
  });
  api.addMethod('/hello', 'GET', { integration: { type: 'MOCK' } });
  return { stack, network, endpoint, api };
}

describe('LambdaClient', () => {
  test('a VPC-attached function in the private subnets that may invoke only this API', () => {
    const { stack, network, endpoint, api } = fixture();
    new LambdaClient(stack, 'lambda', { network, api, endpoint, logRetentionDays: 30 });
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(LambdaFunction, {
      runtime: 'nodejs22.x',
      tracing_config: { mode: 'Active' },
    });
    const fn = Object.values(synthObject(stack).resource.aws_lambda_function)[0] as {
      vpc_config: { subnet_ids: string[] };
      source_code_hash: string;
    };
    expect(fn.vpc_config.subnet_ids).toHaveLength(2);
    expect(fn.source_code_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const documents = synthObject(stack).data.aws_iam_policy_document as Record<
      string,
      { statement?: { sid: string; resources: string[] }[] }
    >;
    const permissions = Object.entries(documents).find(([id]) =>
      id.startsWith('lambda_role_permissions'),
    )![1];
    const invoke = permissions.statement!.find((s) => s.sid === 'InvokeThisApiOnly')!;
    expect(invoke.resources).toEqual([
      expect.stringMatching(/aws_api_gateway_rest_api\.api_resource_\w+\.execution_arn\}\/\*$/),
    ]);
  });

  test('network-interface permissions scoped to its subnets, security group and VPC', () => {
    const { stack, network, endpoint, api } = fixture();
    new LambdaClient(stack, 'lambda', { network, api, endpoint, logRetentionDays: 30 });
    const documents = synthObject(stack).data.aws_iam_policy_document as Record<
      string,
      {
        statement?: {
          sid: string;
          actions: string[];
          resources: string[];
          condition?: { test: string; variable: string; values: string[] }[];
        }[];
      }
    >;
    const permissions = Object.entries(documents).find(([id]) =>
      id.startsWith('lambda_role_permissions'),
    )![1];
    const bySid = Object.fromEntries(permissions.statement!.map((s) => [s.sid, s]));
    const inVpc = [
      {
        test: 'ArnEquals',
        variable: 'ec2:Vpc',
        values: [expect.stringMatching(/^arn:aws:ec2:us-east-1:111111111111:vpc\/\$\{aws_vpc\./)],
      },
    ];
    expect(bySid.CreateNetworkInterfacesInOwnSubnets.resources).toEqual([
      'arn:aws:ec2:us-east-1:111111111111:network-interface/*',
      expect.stringMatching(
        /^arn:aws:ec2:us-east-1:111111111111:security-group\/\$\{aws_security_group\./,
      ),
      expect.stringMatching(/^arn:aws:ec2:us-east-1:111111111111:subnet\/\$\{aws_subnet\./),
      expect.stringMatching(/^arn:aws:ec2:us-east-1:111111111111:subnet\/\$\{aws_subnet\./),
    ]);
    expect(bySid.CreateNetworkInterfacesInOwnSubnets.condition).toEqual(inVpc);
    expect(bySid.ManageNetworkInterfacesInOwnVpc).toMatchObject({
      resources: ['arn:aws:ec2:us-east-1:111111111111:network-interface/*'],
      condition: inVpc,
    });
    expect(bySid.DescribeNetworkInterfaces).toMatchObject({
      actions: ['ec2:DescribeNetworkInterfaces'],
      resources: ['*'],
    });
  });

  test('egress only to the VPC on 443', () => {
    const { stack, network, endpoint, api } = fixture();
    new LambdaClient(stack, 'lambda', { network, api, endpoint, logRetentionDays: 30 });
    const egress = Object.values(synthObject(stack).resource.aws_vpc_security_group_egress_rule);
    expect(egress).toEqual([
      expect.objectContaining({ ip_protocol: 'tcp', from_port: 443, cidr_ipv4: '10.0.0.0/16' }),
    ]);
  });
});

describe('Ec2Client', () => {
  test('no public IP, IMDSv2 only, encrypted root volume, latest AL2023 by default', () => {
    const { stack, network, api } = fixture();
    new Ec2Client(stack, 'ec2', { network, api });
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(Instance, {
      associate_public_ip_address: false,
    });
    expect(synthesized).toHaveResourceWithProperties(LaunchTemplate, {
      image_id: 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
      metadata_options: {
        http_tokens: 'required',
        http_endpoint: 'enabled',
        http_put_response_hop_limit: 1,
      },
    });
    const template = Object.values(synthObject(stack).resource.aws_launch_template)[0] as {
      block_device_mappings: { ebs: { encrypted: string } }[];
    };
    expect(template.block_device_mappings[0].ebs.encrypted).toBe('true');
  });

  test('fails on a malformed image ID', () => {
    const { stack, network, api } = fixture();
    const error = validationErrorOf(
      () => new Ec2Client(stack, 'ec2', { network, api, imageId: 'ubuntu' }),
    );
    expect(error.codes).toEqual(['InvalidImageId']);
    expect(error.message).toMatch(
      /props\.imageId must be an AMI ID \(ami-\.\.\.\) or resolve:ssm:\/<parameter>, got "ubuntu"/,
    );
  });
});

describe('deterministicZip', () => {
  test('the same files give the same bytes, and the archive is a valid zip', () => {
    const entries = [
      { name: 'index.mjs', content: Buffer.from('export const handler = async () => 1;\n') },
    ];
    const zip = deterministicZip(entries);
    expect(base64Sha256(deterministicZip(entries))).toBe(base64Sha256(zip));
    const file = join(mkdtempSync(join(tmpdir(), 'zip-')), 'code.zip');
    writeFileSync(file, zip);
    const check = spawnSync(
      'python3',
      [
        '-c',
        'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(z.read("index.mjs").decode(), end="")',
        file,
      ],
      { encoding: 'utf8' },
    );
    expect(check.stderr).toBe('');
    expect(check.stdout).toBe('export const handler = async () => 1;\n');
  });
});
