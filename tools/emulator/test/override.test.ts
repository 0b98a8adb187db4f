import { parseSynth } from '@apigw-private/tools/tfjson';
import { providerOverride, providerTargets } from '../override';
import { endpointsFor } from '../services';

const stack = parseSynth(
  {
    provider: {
      aws: [
        { region: 'us-east-1', allowed_account_ids: ['111111111111'] },
        {
          alias: 'b',
          region: 'us-west-2',
          assume_role: [{ role_arn: 'arn:aws:iam::222222222222:role/deploy' }],
        },
      ],
    },
    resource: {
      aws_vpc: { v: { cidr_block: '10.0.0.0/16' } },
      aws_api_gateway_rest_api: { a: { name: 'a' } },
      aws_lb: { l: { name: 'l' } },
      aws_lb_listener: { x: { port: 443 } },
    },
    data: { aws_iam_policy_document: { p: {} }, aws_network_interface: { e: {} } },
  },
  { stack: 'test' },
);

describe('provider override', () => {
  it('assumes a role in each provider account, which is how moto keeps accounts apart', () => {
    expect(providerTargets(stack)).toEqual([
      { alias: undefined, region: 'us-east-1', account: '111111111111' },
      { alias: 'b', region: 'us-west-2', account: '222222222222' },
    ]);
    const doc = providerOverride(stack, 'http://127.0.0.1:5000') as {
      provider: { aws: Record<string, unknown>[] };
    };
    expect(doc.provider.aws.map((p) => p.assume_role)).toEqual([
      [
        {
          role_arn: 'arn:aws:iam::111111111111:role/emulator',
          session_name: 'apigw-private-emulator',
        },
      ],
      [
        {
          role_arn: 'arn:aws:iam::222222222222:role/emulator',
          session_name: 'apigw-private-emulator',
        },
      ],
    ]);
    expect(doc.provider.aws[1].alias).toBe('b');
    expect(doc.provider.aws[0]).toMatchObject({
      s3_use_path_style: true,
      skip_requesting_account_id: false,
    });
  });

  it('points every service the stack uses, STS and SSM at the emulator', () => {
    const doc = providerOverride(stack, 'http://127.0.0.1:5000') as {
      provider: { aws: { endpoints: Record<string, string>[] }[] };
    };
    expect(Object.keys(doc.provider.aws[0].endpoints[0])).toEqual([
      'apigateway',
      'ec2',
      'elbv2',
      'ssm',
      'sts',
    ]);
    expect(new Set(Object.values(doc.provider.aws[0].endpoints[0]))).toEqual(
      new Set(['http://127.0.0.1:5000']),
    );
  });

  it('fails when a resource type has no known endpoint, so no call reaches AWS', () => {
    expect(() => endpointsFor(['aws_vpc', 'aws_sqs_queue'])).toThrow(
      /UnknownService: no emulator endpoint is known for aws_sqs_queue/,
    );
  });
});
