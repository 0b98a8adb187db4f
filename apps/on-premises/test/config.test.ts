// Bad input of apps/on-premises: each is refused with a stable code, the field, the value and
// what is allowed, before any construct is built.
import { Testing } from 'cdktf';
import { parseConfig } from '@apigw-private/constructs/config/load';
import { ValidationError } from '@apigw-private/constructs/errors';
import {
  CONNECTIVITY_OPTIONS,
  DEFAULT_STACKS,
  onPremisesConfigSchema,
  parseOption,
} from '../src/config';
import { OnPremisesStack } from '../src/stack';

function parse(input: unknown) {
  return parseConfig('on-premises config', onPremisesConfigSchema, input);
}

function errorOf(input: unknown): ValidationError {
  try {
    parse(input);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError, but the config was accepted');
}

describe('on-premises config', () => {
  test('defaults are complete and plan the four covering stacks', () => {
    const config = parse({});
    expect(config.stacks).toEqual(DEFAULT_STACKS);
    expect(config.onPremises.cidrs).toEqual(['192.168.0.0/20']);
    expect(config.cors.allowOrigin).toBe('https://portal.onprem.example.internal');
  });

  test('the default stacks cover every gateway, routing and Direct Connect choice', () => {
    const options = DEFAULT_STACKS.map(parseOption);
    for (const gateway of ['vgw', 'tgw']) {
      for (const routing of ['static', 'bgp']) {
        expect(options).toContainEqual(expect.objectContaining({ gateway, routing }));
      }
      expect(options).toContainEqual(expect.objectContaining({ gateway, directConnect: true }));
    }
  });

  test.each(CONNECTIVITY_OPTIONS)('every option builds a stack: %s', (option) => {
    const config = parse({ stacks: [option] });
    const stack = new OnPremisesStack(Testing.app(), option, {
      config,
      mode: 'offline',
      option,
    });
    const synthesized = JSON.parse(Testing.synth(stack, true)) as {
      resource: Record<string, unknown>;
    };
    expect(synthesized.resource.aws_vpn_connection).toBeDefined();
    expect(synthesized.resource.aws_dx_gateway_association !== undefined).toBe(
      parseOption(option).directConnect,
    );
  });

  test('the optional outbound resolver forwards on-premises domains, and forwardAwsZones adds the AWS zones to the forwarders', () => {
    const config = parse({
      stacks: ['vpn-vgw-static'],
      resolver: { outbound: { enabled: true }, forwardAwsZones: true },
    });
    const stack = new OnPremisesStack(Testing.app(), 'vpn-vgw-static', {
      config,
      mode: 'offline',
      option: 'vpn-vgw-static',
    });
    const synthesized = JSON.parse(Testing.synth(stack, true)) as {
      resource: Record<string, Record<string, Record<string, unknown>>>;
      output: Record<string, { value: { zones: string[] } }>;
    };
    expect(Object.values(synthesized.resource.aws_route53_resolver_rule)).toEqual([
      expect.objectContaining({
        domain_name: 'corp.example.internal',
        target_ip: [
          { ip: '192.168.0.10', port: 53 },
          { ip: '192.168.0.11', port: 53 },
        ],
      }),
    ]);
    expect(Object.values(synthesized.resource.aws_route53_resolver_rule_association)).toHaveLength(
      1,
    );
    expect(synthesized.output['dns-conditional-forwarders'].value.zones).toEqual([
      'onprem.example.internal',
      'execute-api.us-east-1.amazonaws.com',
      'us-east-1.vpce.amazonaws.com',
    ]);
    expect(synthesized.resource.aws_api_gateway_account).toBeUndefined();
  });

  test('fails when an on-premises CIDR overlaps the VPC', () => {
    const error = errorOf({ onPremises: { cidrs: ['192.168.0.0/20', '10.30.64.0/18'] } });
    expect(error.codes).toEqual(['OnPremisesOverlapsVpc']);
    expect(error.message).toMatch(
      /OnPremisesOverlapsVpc: onPremises\.cidrs\[1\] must not overlap the VPC CIDR 10\.30\.0\.0\/16.*got "10\.30\.64\.0\/18"/,
    );
  });

  test('fails when the resolver endpoint has fewer than two AZs', () => {
    const error = errorOf({ resolver: { azs: ['us-east-1a'] } });
    expect(error.codes).toEqual(['TooFewResolverAzs']);
    expect(error.message).toMatch(
      /TooFewResolverAzs: resolver\.azs must name at least two different Availability Zones.*got \["us-east-1a"\]/,
    );
  });

  test.each([0, 2147483648, 7224])('fails when the BGP ASN is out of range (%p)', (asn) => {
    const error = errorOf({ onPremises: { bgpAsn: asn } });
    expect(error.codes).toEqual(['InvalidBgpAsn']);
    expect(error.message).toMatch(
      new RegExp(
        `InvalidBgpAsn: onPremises\\.bgpAsn must be a whole number 1-2147483647 .*got ${asn}`,
      ),
    );
  });

  test.each([
    'https://portal.example/',
    'https://portal.example/app',
    '*',
    'portal.example',
    'https://*.example',
  ])('fails when the CORS origin is not an origin (%s)', (origin) => {
    const error = errorOf({ cors: { allowOrigin: origin } });
    expect(error.codes).toEqual(['InvalidOrigin']);
    expect(error.message).toContain('InvalidOrigin: cors.allowOrigin must be an origin');
    expect(error.message).toContain(`got ${JSON.stringify(origin)}`);
  });

  test('accepts * only with the explicit allowAnyOrigin switch', () => {
    expect(parse({ cors: { allowOrigin: '*', allowAnyOrigin: true } }).cors.allowOrigin).toBe('*');
  });

  test('fails when the custom domain has no certificate', () => {
    const error = errorOf({ customDomain: { certificateArn: '' } });
    expect(error.codes).toEqual(['MissingCertificate']);
    expect(error.message).toMatch(
      /MissingCertificate: customDomain\.certificateArn is required when customDomain\.enabled.*got ""/,
    );
  });

  test('fails when the certificate is in another Region', () => {
    const error = errorOf({
      customDomain: { certificateArn: 'arn:aws:acm:eu-west-1:111111111111:certificate/abc' },
    });
    expect(error.codes).toEqual(['CertificateInOtherRegion']);
  });

  test('lists every bad field at once', () => {
    const error = errorOf({
      onPremises: { cidrs: ['10.30.0.0/24'], bgpAsn: 0 },
      resolver: { azs: ['us-east-1b'] },
      cors: { allowOrigin: 'https://portal.example/' },
      customDomain: { certificateArn: '' },
    });
    expect(error.codes.sort()).toEqual([
      'InvalidBgpAsn',
      'InvalidOrigin',
      'MissingCertificate',
      'OnPremisesOverlapsVpc',
      'TooFewResolverAzs',
    ]);
  });
});
