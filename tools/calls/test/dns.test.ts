import { privateApiStack, ref, walk, withPrivateDomain, expectRefusedAt } from './fixture';

const DOMAIN = { dns: { kind: 'custom-domain', name: 'api.example.internal' } } as const;

describe('DNS step', () => {
  it('fails the private DNS name when the endpoint has private DNS off', async () => {
    const stack = privateApiStack();
    stack.resource.aws_vpc_endpoint.api.private_dns_enabled = false;
    const result = await walk(stack);
    expectRefusedAt(result, 'dns', 'aws_vpc_endpoint.api');
  });

  it('fails the Route 53 alias when the API is not associated with the endpoint', async () => {
    const stack = privateApiStack();
    (
      stack.resource.aws_api_gateway_rest_api.api.endpoint_configuration as {
        vpc_endpoint_ids: string[];
      }
    ).vpc_endpoint_ids = [];
    const result = await walk(stack, { dns: { kind: 'alias' } });
    expectRefusedAt(result, 'dns', 'aws_api_gateway_rest_api.api');
  });

  it('takes the endpoint hostname with x-apigw-api-id without any association', async () => {
    const stack = privateApiStack();
    (
      stack.resource.aws_api_gateway_rest_api.api.endpoint_configuration as {
        vpc_endpoint_ids: string[];
      }
    ).vpc_endpoint_ids = [];
    const result = await walk(stack, {
      dns: { kind: 'endpoint-hostname', header: 'x-apigw-api-id' },
    });
    expect(result.ok).toBe(true);
  });

  it('resolves a private custom domain through its zone, record and base path mapping', async () => {
    const result = await walk(withPrivateDomain(privateApiStack(), true), DOMAIN);
    expect(result.ok).toBe(true);
    expect(result.steps.filter((s) => s.step === 'dns').map((s) => s.address)).toEqual([
      'aws_route53_record.api',
      'aws_api_gateway_base_path_mapping.mapping',
    ]);
  });

  it('fails a private zone in a VPC it is not associated with', async () => {
    const stack = withPrivateDomain(privateApiStack(), true);
    stack.resource.aws_vpc.other = { cidr_block: '10.8.0.0/16' };
    (stack.resource.aws_route53_zone.zone.vpc as { vpc_id: string }[])[0].vpc_id =
      ref('aws_vpc.other.id');
    const result = await walk(stack, DOMAIN);
    expectRefusedAt(result, 'dns', 'aws_route53_zone.zone');
  });

  it('fails a private custom domain without an access association for the endpoint', async () => {
    const stack = withPrivateDomain(privateApiStack(), true);
    delete stack.resource.aws_api_gateway_domain_name_access_association;
    const result = await walk(stack, DOMAIN);
    expect(result.stoppedAt).toEqual(
      expect.objectContaining({ step: 'dns', address: 'aws_api_gateway_domain_name.domain' }),
    );
  });
});
