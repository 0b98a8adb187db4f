import { ApiGatewayBasePathMapping } from '@cdktf/provider-aws/lib/api-gateway-base-path-mapping';
import { ApiGatewayDomainName } from '@cdktf/provider-aws/lib/api-gateway-domain-name';
import { Testing } from 'cdktf';
import { AccountScope } from '../src/app/account-scope';
import type { ReferenceStack } from '../src/app/reference-stack';
import {
  RegionalCustomDomain,
  RegionalCustomDomainProps,
  certificateRegion,
} from '../src/rest/regional-custom-domain';
import { synthObject, testStack, validationErrorOf } from './helpers';

const EAST_CERT =
  'arn:aws:acm:us-east-1:111111111111:certificate/11111111-2222-3333-4444-555555555555';
const WEST_CERT =
  'arn:aws:acm:us-west-2:111111111111:certificate/66666666-7777-8888-9999-000000000000';
const api = { id: 'abc123', stageName: 'v1' };

function build(
  props: Partial<RegionalCustomDomainProps> = {},
  stack: ReferenceStack = testStack(),
) {
  const domain = new RegionalCustomDomain(stack, 'domain', {
    domainName: 'api.internal.example.com',
    certificate: { certificateArn: EAST_CERT },
    api,
    ...props,
  });
  return { stack, domain };
}

describe('RegionalCustomDomain', () => {
  test('creates a REGIONAL domain name with the certificate and TLS 1.2, mapped to the stage at the root', () => {
    const { stack } = build();
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayDomainName, {
      domain_name: 'api.internal.example.com',
      regional_certificate_arn: EAST_CERT,
      endpoint_configuration: { types: ['REGIONAL'] },
      security_policy: 'TLS_1_2',
    });
    const mapping = Object.values(synthObject(stack).resource.aws_api_gateway_base_path_mapping)[0];
    expect(mapping).toEqual(
      expect.objectContaining({
        api_id: 'abc123',
        stage_name: 'v1',
        domain_name: expect.stringMatching(
          /^\$\{aws_api_gateway_domain_name\.domain_resource_\w+\.domain_name\}$/,
        ),
      }),
    );
    expect(mapping.base_path).toBeUndefined();
  });

  test('maps the stage under a base path when given one', () => {
    const { stack } = build({ basePath: 'orders' });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ApiGatewayBasePathMapping, {
      base_path: 'orders',
    });
  });

  test('takes the certificate of the Region of its AccountScope', () => {
    const stack = testStack();
    const west = new AccountScope(stack, 'west', {
      alias: 'west',
      target: { accountId: '111111111111', region: 'us-west-2' },
    });
    new RegionalCustomDomain(west, 'domain', {
      domainName: 'api.internal.example.com',
      certificate: { certificateArn: WEST_CERT },
      api,
    });
    const domain = Object.values(synthObject(stack).resource.aws_api_gateway_domain_name)[0];
    expect(domain.regional_certificate_arn).toBe(WEST_CERT);
    expect(domain.provider).toBe('aws.west');
  });

  test('certificateRegion reads the Region of an ACM ARN', () => {
    expect(certificateRegion(WEST_CERT)).toBe('us-west-2');
    expect(certificateRegion('arn:aws:iam::111111111111:role/x')).toBeUndefined();
  });

  test('fails when the certificate belongs to another Region', () => {
    const error = validationErrorOf(() => build({ certificate: { certificateArn: WEST_CERT } }));
    expect(error.codes).toEqual(['CertificateOutsideRegion']);
    expect(error.message).toMatch(
      /CertificateOutsideRegion: props\.certificate\.certificateArn must be a certificate of Region us-east-1.*us-west-2/,
    );
  });

  test('fails when the certificate ARN is not an ACM ARN', () => {
    const error = validationErrorOf(() => build({ certificate: { certificateArn: 'not-an-arn' } }));
    expect(error.codes).toEqual(['InvalidCertificateArn']);
    expect(error.message).toMatch(/props\.certificate\.certificateArn .*"not-an-arn"/);
  });

  test('fails when the domain name is not a lower-case FQDN', () => {
    const error = validationErrorOf(() => build({ domainName: 'API_internal' }));
    expect(error.codes).toEqual(['InvalidDomainName']);
    expect(error.message).toMatch(/InvalidDomainName: props\.domainName .*"API_internal"/);
  });

  test('fails when the base path has a leading slash', () => {
    const error = validationErrorOf(() => build({ basePath: '/orders' }));
    expect(error.codes).toEqual(['InvalidBasePath']);
    expect(error.message).toMatch(/InvalidBasePath: props\.basePath .*"\/orders"/);
  });
});
