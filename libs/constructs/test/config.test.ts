import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import {
  cidrContains,
  cidrSubnet,
  cidrsOverlap,
  isCidr,
  overlappingPairs,
} from '../src/config/cidr';
import { loadConfig } from '../src/config/load';
import {
  accountId,
  availabilityZone,
  azsInRegion,
  cidr,
  logsSchema,
  networkSchema,
  region,
  restApiSchema,
  retentionDays,
} from '../src/config/schema';
import { validationErrorOf } from './helpers';

const schema = z
  .strictObject({
    accountId: accountId().default('111111111111'),
    region: region().default('us-east-1'),
    network: networkSchema.prefault({ vpcCidr: '10.0.0.0/16', azs: ['us-east-1a', 'us-east-1b'] }),
    retention: retentionDays().default(30),
    clientCidrs: z.array(cidr()).default([]),
  })
  .superRefine((c, ctx) => azsInRegion(ctx, c.network.azs, c.region, ['network', 'azs']));

function tempFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'config-test-')), 'config.json');
  writeFileSync(file, content);
  return file;
}

describe('loadConfig', () => {
  test('built-in defaults alone give a complete config', () => {
    const config = loadConfig({ app: 'test', schema, env: {} });
    expect(config).toEqual({
      accountId: '111111111111',
      region: 'us-east-1',
      network: { vpcCidr: '10.0.0.0/16', azs: ['us-east-1a', 'us-east-1b'], subnetNewBits: 4 },
      retention: 30,
      clientCidrs: [],
    });
  });

  test('a config file overrides defaults, merging nested objects', () => {
    const file = tempFile(JSON.stringify({ network: { vpcCidr: '10.20.0.0/16' } }));
    const config = loadConfig({ app: 'test', schema, env: { APIGW_CONFIG_FILE: file } });
    expect(config.network).toEqual({
      vpcCidr: '10.20.0.0/16',
      azs: ['us-east-1a', 'us-east-1b'],
      subnetNewBits: 4,
    });
  });

  test('the default file is read when it exists', () => {
    const file = tempFile(JSON.stringify({ retention: 90 }));
    expect(loadConfig({ app: 'test', schema, env: {}, file }).retention).toBe(90);
  });

  test('APIGW__ variables override the file, with JSON values', () => {
    const file = tempFile(
      JSON.stringify({ region: 'eu-west-1', network: { azs: ['eu-west-1a', 'eu-west-1b'] } }),
    );
    const config = loadConfig({
      app: 'test',
      schema,
      env: {
        APIGW_CONFIG_FILE: file,
        APIGW__network__azs: '["eu-west-1b","eu-west-1c"]',
        APIGW__accountId: '222222222222',
      },
    });
    expect(config.region).toBe('eu-west-1');
    expect(config.network.azs).toEqual(['eu-west-1b', 'eu-west-1c']);
    expect(config.accountId).toBe('222222222222');
  });

  test('fails with one error listing every bad field, its value and what is allowed', () => {
    const error = validationErrorOf(() =>
      loadConfig({
        app: 'test',
        schema,
        env: {
          APIGW__accountId: '12345',
          APIGW__network__vpcCidr: '10.0.0.1/16',
          APIGW__network__azs: '["us-east-1a"]',
          APIGW__retention: '45',
          APIGW__clientCidrs: '["10.1.0.0/33"]',
        },
      }),
    );
    expect(error.codes.sort()).toEqual(
      [
        'InvalidAccountId',
        'InvalidCidr',
        'InvalidCidr',
        'InvalidRetention',
        'TooFewAvailabilityZones',
      ].sort(),
    );
    expect(error.message).toMatch(/test config: 5 problems/);
    expect(error.message).toMatch(
      /InvalidAccountId: accountId must be a 12-digit AWS account ID, got "12345"/,
    );
    expect(error.message).toMatch(
      /InvalidCidr: network\.vpcCidr must be an IPv4 CIDR block .*, got "10\.0\.0\.1\/16"/,
    );
    expect(error.message).toMatch(
      /TooFewAvailabilityZones: network\.azs must list at least two Availability Zones, got \["us-east-1a"\]/,
    );
    expect(error.message).toMatch(/InvalidRetention: retention must be one of .*, got 45/);
    expect(error.message).toMatch(/InvalidCidr: clientCidrs\[0\] .* got "10\.1\.0\.0\/33"/);
  });

  test('fails when an Availability Zone is outside the Region', () => {
    const error = validationErrorOf(() =>
      loadConfig({
        app: 'test',
        schema,
        env: { APIGW__network__azs: '["us-east-1a","us-west-2b"]' },
      }),
    );
    expect(error.codes).toEqual(['AvailabilityZoneOutsideRegion']);
    expect(error.message).toMatch(
      /network\.azs\[1\] must be an Availability Zone of Region us-east-1 .*got "us-west-2b"/,
    );
  });

  test('fails when an Availability Zone is named twice', () => {
    const error = validationErrorOf(() =>
      loadConfig({
        app: 'test',
        schema,
        env: { APIGW__network__azs: '["us-east-1a","us-east-1a"]' },
      }),
    );
    expect(error.codes).toEqual(['DuplicateAvailabilityZone']);
    expect(error.message).toMatch(
      /network\.azs\[1\] must name each Availability Zone once, got "us-east-1a"/,
    );
  });

  test('fails on an unknown field instead of ignoring it', () => {
    const error = validationErrorOf(() =>
      loadConfig({ app: 'test', schema, env: { APIGW__netwrok: '{}' } }),
    );
    expect(error.codes).toEqual(['UnknownField']);
    expect(error.message).toMatch(/UnknownField: netwrok is not a known setting/);
  });

  test('fails when APIGW_CONFIG_FILE names a missing file', () => {
    const error = validationErrorOf(() =>
      loadConfig({ app: 'test', schema, env: { APIGW_CONFIG_FILE: '/nonexistent/config.json' } }),
    );
    expect(error.codes).toEqual(['ConfigFileNotFound']);
    expect(error.message).toMatch(
      /APIGW_CONFIG_FILE must name an existing JSON file, got "\/nonexistent\/config.json"/,
    );
  });

  test('fails when the config file is not JSON', () => {
    const error = validationErrorOf(() =>
      loadConfig({ app: 'test', schema, env: { APIGW_CONFIG_FILE: tempFile('{ region: ') } }),
    );
    expect(error.codes).toEqual(['ConfigFileNotJson']);
  });

  test('fails on a malformed Region and Availability Zone', () => {
    const strict = z.strictObject({ region: region(), az: availabilityZone() });
    const error = validationErrorOf(() =>
      loadConfig({
        app: 'test',
        schema: strict,
        env: { APIGW__region: 'useast1', APIGW__az: 'us-east-1' },
      }),
    );
    expect(error.codes).toEqual(['InvalidRegion', 'InvalidAvailabilityZone']);
  });
});

describe('CIDR helpers', () => {
  test('parse only network addresses', () => {
    expect(isCidr('10.0.0.0/16')).toBe(true);
    expect(isCidr('10.0.0.1/16')).toBe(false);
    expect(isCidr('256.0.0.0/8')).toBe(false);
    expect(isCidr('10.0.0.0')).toBe(false);
  });

  test('overlap and containment', () => {
    expect(cidrsOverlap('10.0.0.0/16', '10.0.128.0/17')).toBe(true);
    expect(cidrsOverlap('10.0.0.0/16', '10.1.0.0/16')).toBe(false);
    expect(cidrContains('10.0.0.0/16', '10.0.16.0/20')).toBe(true);
    expect(cidrContains('10.0.16.0/20', '10.0.0.0/16')).toBe(false);
    expect(overlappingPairs({ a: '10.0.0.0/16', b: '10.1.0.0/16', c: '10.0.5.0/24' })).toEqual([
      ['a', 'c'],
    ]);
  });

  test('cidrSubnet matches Terraform cidrsubnet', () => {
    expect(cidrSubnet('10.10.0.0/16', 4, 0)).toBe('10.10.0.0/20');
    expect(cidrSubnet('10.10.0.0/16', 4, 1)).toBe('10.10.16.0/20');
    expect(cidrSubnet('172.16.0.0/12', 8, 255)).toBe('172.31.240.0/20');
    expect(() => cidrSubnet('10.0.0.0/16', 4, 16)).toThrow(/cannot carve subnet 16/);
  });
});

describe('shared app schemas', () => {
  const app = z.strictObject({
    api: restApiSchema({ name: 'orders', authorization: 'AWS_IAM' }),
    logs: logsSchema,
  });

  test('defaults: IAM authorization, stage v1, INFO logging, throttling, 90 days, KMS on', () => {
    expect(loadConfig({ app: 'test', schema: app, env: {} })).toEqual({
      api: {
        name: 'orders',
        stageName: 'v1',
        authorization: 'AWS_IAM',
        loggingLevel: 'INFO',
        throttleRateLimit: 100,
        throttleBurstLimit: 50,
      },
      logs: { retentionDays: 90, kmsKey: true },
    });
  });

  test('fails on a bad API name, stage name and retention, all at once', () => {
    const error = validationErrorOf(() =>
      loadConfig({
        app: 'test',
        schema: app,
        env: {
          APIGW__api__name: 'orders api',
          APIGW__api__stageName: 'v-1',
          APIGW__logs__retentionDays: '10',
        },
      }),
    );
    expect(error.codes).toEqual(['InvalidApiName', 'InvalidStageName', 'InvalidRetention']);
    expect(error.message).toMatch(
      /api\.name must be 1-100 characters of \[A-Za-z0-9_-\], got "orders api"/,
    );
  });
});
