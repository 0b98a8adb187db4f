// Bad input of apps/on-premises: each is refused with a stable code, the field, the value and
// what is allowed, before any construct is built.
import { Testing } from 'cdktf';
import { loadConfig, parseConfig } from '@apigw-private/constructs/config/load';
import { validationErrorOf } from '@apigw-private/constructs/errors';
import { documentedOverrideFailures } from '@apigw-private/tools/testing/overrides';
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
    const error = validationErrorOf(() =>
      parse({ onPremises: { cidrs: ['192.168.0.0/20', '10.30.64.0/18'] } }),
    );
    expect(error.codes).toEqual(['OnPremisesOverlapsVpc']);
    expect(error.message).toMatch(
      /OnPremisesOverlapsVpc: onPremises\.cidrs\[1\] must not overlap the VPC CIDR 10\.30\.0\.0\/16.*got "10\.30\.64\.0\/18"/,
    );
  });

  test('fails when the resolver endpoint has fewer than two AZs', () => {
    const error = validationErrorOf(() => parse({ resolver: { azs: ['us-east-1a'] } }));
    expect(error.codes).toEqual(['TooFewResolverAzs']);
    expect(error.message).toMatch(
      /TooFewResolverAzs: resolver\.azs must name at least two different Availability Zones.*got \["us-east-1a"\]/,
    );
  });

  test.each([0, 2147483648, 7224])('fails when the BGP ASN is out of range (%p)', (asn) => {
    const error = validationErrorOf(() => parse({ onPremises: { bgpAsn: asn } }));
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
    const error = validationErrorOf(() => parse({ cors: { allowOrigin: origin } }));
    expect(error.codes).toEqual(['InvalidOrigin']);
    expect(error.message).toContain('InvalidOrigin: cors.allowOrigin must be an origin');
    expect(error.message).toContain(`got ${JSON.stringify(origin)}`);
  });

  test('accepts * only with the explicit allowAnyOrigin switch', () => {
    expect(parse({ cors: { allowOrigin: '*', allowAnyOrigin: true } }).cors.allowOrigin).toBe('*');
  });

  test('fails when the custom domain has no certificate', () => {
    const error = validationErrorOf(() => parse({ customDomain: { certificateArn: '' } }));
    expect(error.codes).toEqual(['MissingCertificate']);
    expect(error.message).toBe(
      'on-premises config: 1 problem\n  - MissingCertificate: customDomain.certificateArn is required: an ACM certificate ARN of Region us-east-1 for the private custom domain, got ""',
    );
  });

  test('fails when the certificate is in another Region', () => {
    const error = validationErrorOf(() =>
      parse({
        customDomain: { certificateArn: 'arn:aws:acm:eu-west-1:111111111111:certificate/abc' },
      }),
    );
    expect(error.message).toBe(
      'on-premises config: 1 problem\n  - CertificateOutsideRegion: customDomain.certificateArn must be a certificate of Region us-east-1: the private custom domain takes a certificate of its own Region, got "arn:aws:acm:eu-west-1:111111111111:certificate/abc"',
    );
  });

  test('lists every bad field at once', () => {
    const error = validationErrorOf(() =>
      parse({
        onPremises: { cidrs: ['10.30.0.0/24'], bgpAsn: 0 },
        resolver: { azs: ['us-east-1b'] },
        cors: { allowOrigin: 'https://portal.example/' },
        customDomain: { certificateArn: '' },
      }),
    );
    expect(error.codes.sort()).toEqual([
      'InvalidBgpAsn',
      'InvalidOrigin',
      'MissingCertificate',
      'OnPremisesOverlapsVpc',
      'TooFewResolverAzs',
    ]);
  });

  test('every override the docs show loads and sets its field', () => {
    expect(
      documentedOverrideFailures('on-premises', (env) =>
        loadConfig({ app: 'on-premises', schema: onPremisesConfigSchema, env }),
      ),
    ).toEqual([]);
  });
});
