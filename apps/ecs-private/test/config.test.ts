import { loadConfig, parseConfig } from '@apigw-private/constructs/config/load';
import { validationErrorOf } from '@apigw-private/constructs/errors';
import { documentedOverrideFailures } from '@apigw-private/tools/testing/overrides';
import { ecsPrivateConfigSchema } from '../src/config';

function parse(input: unknown) {
  return parseConfig('ecs-private config', ecsPrivateConfigSchema, input);
}

describe('ecs-private config', () => {
  test('the defaults parse: five variants, JWT routes, stage v1 with the stage segment stripped', () => {
    const config = parseConfig('ecs-private config', ecsPrivateConfigSchema, {});
    expect(Object.values(config.variants).every((v) => v.enabled)).toBe(true);
    expect(config.http).toEqual(
      expect.objectContaining({ authorization: 'JWT', stageName: 'v1', stripStagePath: true }),
    );
    expect(config.loadBalancers.deletionProtection).toBe(true);
  });

  test('fails when two variant VPC CIDRs overlap', () => {
    const error = validationErrorOf(() =>
      parse({ variants: { httpNlb: { vpcCidr: '10.41.128.0/17' } } }),
    );
    expect(error.codes).toEqual(['OverlappingCidrs']);
    expect(error.message).toMatch(
      /OverlappingCidrs: variants\.httpNlb\.vpcCidr must not overlap variants\.restNlb\.vpcCidr \(10\.41\.0\.0\/16\), got "10\.41\.128\.0\/17"/,
    );
  });

  test('fails when a VPC CIDR is malformed', () => {
    const error = validationErrorOf(() =>
      parse({ variants: { httpAlb: { vpcCidr: '10.43.0.0/33' } } }),
    );
    expect(error.codes).toEqual(['InvalidCidr']);
    expect(error.message).toMatch(
      /InvalidCidr: variants\.httpAlb\.vpcCidr must be an IPv4 CIDR block.*got "10\.43\.0\.0\/33"/,
    );
  });

  test('fails when a client CIDR is malformed', () => {
    const error = validationErrorOf(() => parse({ clientCidrs: ['10.0.0.1/8'] }));
    expect(error.codes).toEqual(['InvalidCidr']);
    expect(error.message).toMatch(/clientCidrs\[0\] .*got "10\.0\.0\.1\/8"/);
  });

  test('fails when the HTTP integration timeout is outside 50-30000', () => {
    const error = validationErrorOf(() => parse({ http: { timeoutMillis: 45000 } }));
    expect(error.codes).toEqual(['TooBig']);
    expect(error.message).toMatch(/http\.timeoutMillis .*got 45000/);
  });

  test('fails when a certificate is given without the name to verify', () => {
    const error = validationErrorOf(() =>
      parse({
        loadBalancers: { certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc' },
      }),
    );
    expect(error.codes).toEqual(['IncompleteTlsConfig']);
    expect(error.message).toMatch(
      /loadBalancers\.backendHostname must be set together with loadBalancers\.certificateArn/,
    );
  });

  test('fails when an AZ is outside the Region', () => {
    const error = validationErrorOf(() => parse({ azs: ['us-east-1a', 'eu-west-1b'] }));
    expect(error.codes).toEqual(['AvailabilityZoneOutsideRegion']);
    expect(error.message).toContain('got "eu-west-1b"');
  });

  test('every override the docs show loads and sets its field', () => {
    expect(
      documentedOverrideFailures('ecs-private', (env) =>
        loadConfig({ app: 'ecs-private', schema: ecsPrivateConfigSchema, env }),
      ),
    ).toEqual([]);
  });

  test('fails when the listener certificate is of another Region', () => {
    const error = validationErrorOf(() =>
      parse({
        loadBalancers: {
          certificateArn: 'arn:aws:acm:eu-west-1:111111111111:certificate/abc',
          backendHostname: 'api.internal.example.com',
        },
      }),
    );
    expect(error.message).toBe(
      'ecs-private config: 1 problem\n  - CertificateOutsideRegion: loadBalancers.certificateArn must be a certificate of Region us-east-1: a load balancer listener takes a certificate of its own Region, got "arn:aws:acm:eu-west-1:111111111111:certificate/abc"',
    );
  });

  test('fails when the client CIDRs together open every address', () => {
    const error = validationErrorOf(() => parse({ clientCidrs: ['0.0.0.0/1', '128.0.0.0/1'] }));
    expect(error.message).toBe(
      'ecs-private config: 1 problem\n  - OpenIngress: clientCidrs must not together cover every IPv4 address: name the client networks, not the internet, got ["0.0.0.0/1","128.0.0.0/1"]',
    );
  });
});
