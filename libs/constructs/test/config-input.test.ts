// Config that used to get through: files that hold no object, reserved keys, Regions and AZs
// that do not exist, malformed instance types and bucket names, client networks that add up to
// the internet, and overrides of named list items.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { coversEveryAddress } from '../src/config/cidr';
import { loadConfig } from '../src/config/load';
import {
  availabilityZone,
  azsInRegion,
  clientCidrs,
  ec2InstanceType,
  region,
  s3BucketName,
} from '../src/config/schema';
import { validationErrorOf } from '../src/errors';

function tempFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'config-input-')), 'config.json');
  writeFileSync(file, content);
  return file;
}

const located = z
  .strictObject({
    region: region().default('us-east-1'),
    azs: z.array(availabilityZone()).default(['us-east-1a', 'us-east-1b']),
  })
  .superRefine((c, ctx) => azsInRegion(ctx, c.azs, c.region, ['azs']));

function locate(env: NodeJS.ProcessEnv) {
  return loadConfig({ app: 'test', schema: located, env });
}

const REGION_ALLOWED =
  "must be an AWS Region in the AWS SDK's partition data, such as us-east-1 (for a Region newer than the installed SDK, add it to APIGW_EXTRA_REGIONS)";

describe('config file', () => {
  test.each([
    ['null', 'null', 'not null', 'null'],
    ['a list', '["us-east-1"]', 'not a list', '["us-east-1"]'],
    ['a string', '"us-east-1"', 'not a string', '"us-east-1"'],
  ])('fails when the file holds %s instead of an object', (_, content, what, shown) => {
    const file = tempFile(content);
    const error = validationErrorOf(() => locate({ APIGW_CONFIG_FILE: file }));
    expect(error.message).toBe(
      `test config: 1 problem\n  - ConfigFileNotObject: ${file} must hold a JSON object of settings ({ "field": value, ... }), ${what}, got ${shown}`,
    );
  });

  test('fails on a __proto__ key instead of dropping it', () => {
    const file = tempFile(
      '{"__proto__": {"region": "eu-west-1"}, "azs": ["us-east-1a", "us-east-1c"]}',
    );
    const error = validationErrorOf(() => locate({ APIGW_CONFIG_FILE: file }));
    expect(error.message).toBe(
      'test config: 1 problem\n  - ReservedKey: __proto__ is not allowed as a config key (JavaScript reserves it), got {"region":"eu-west-1"}',
    );
  });
});

describe('Regions and Availability Zones', () => {
  test('Regions of every partition in the SDK data are accepted', () => {
    for (const name of [
      'us-east-1',
      'eu-central-2',
      'us-gov-west-1',
      'cn-north-1',
      'eusc-de-east-1',
    ]) {
      expect(locate({ APIGW__region: name, APIGW__azs: `["${name}a","${name}b"]` }).region).toBe(
        name,
      );
    }
  });

  test.each(['xx-fake-9', 'us-east-9', 'aws-global'])('fails on the unknown Region %s', (name) => {
    const error = validationErrorOf(() => locate({ APIGW__region: name }));
    expect(error.message).toBe(
      `test config: 1 problem\n  - InvalidRegion: region ${REGION_ALLOWED}, got "${name}"`,
    );
  });

  test('APIGW_EXTRA_REGIONS admits a Region newer than the SDK data, with its AZs', () => {
    const config = locate({
      APIGW_EXTRA_REGIONS: 'xx-new-1',
      APIGW__region: 'xx-new-1',
      APIGW__azs: '["xx-new-1a","xx-new-1b"]',
    });
    expect(config).toEqual({ region: 'xx-new-1', azs: ['xx-new-1a', 'xx-new-1b'] });
  });

  test('fails on an AZ letter no Region has, such as us-east-1z', () => {
    const error = validationErrorOf(() => locate({ APIGW__azs: '["us-east-1a","us-east-1z"]' }));
    expect(error.message).toBe(
      'test config: 1 problem\n  - InvalidAvailabilityZone: azs[1] must be an Availability Zone name: a Region code followed by a letter a-f, such as us-east-1a (add newer ones to APIGW_EXTRA_REGIONS), got "us-east-1z"',
    );
  });

  test('APIGW_EXTRA_REGIONS admits a newer AZ of a known Region', () => {
    const config = locate({
      APIGW_EXTRA_REGIONS: 'us-east-1g',
      APIGW__azs: '["us-east-1a","us-east-1g"]',
    });
    expect(config.azs).toEqual(['us-east-1a', 'us-east-1g']);
  });

  test('fails when an AZ of another Region is listed', () => {
    const error = validationErrorOf(() => locate({ APIGW__azs: '["us-east-1a","us-west-2a"]' }));
    expect(error.message).toBe(
      'test config: 1 problem\n  - AvailabilityZoneOutsideRegion: azs[1] must be an Availability Zone of Region us-east-1 (us-east-1a, us-east-1b, ...), got "us-west-2a"',
    );
  });
});

describe('documented forms', () => {
  const forms = z.strictObject({
    instanceType: ec2InstanceType().default('t3.micro'),
    bucket: s3BucketName().default('my-state-bucket'),
  });
  const load = (env: NodeJS.ProcessEnv) => loadConfig({ app: 'test', schema: forms, env });

  test.each(['t3.micro', 'm7gd.2xlarge', 'u-6tb1.metal', 'mac2-m2pro.metal', 'c6i.metal-32xl'])(
    'accepts the instance type %s',
    (name) => expect(load({ APIGW__instanceType: name }).instanceType).toBe(name),
  );

  test.each(['t3.mikro', 't3micro', 'T3.micro', 'micro'])(
    'fails on the instance type %s',
    (name) => {
      const error = validationErrorOf(() => load({ APIGW__instanceType: name }));
      expect(error.message).toBe(
        `test config: 1 problem\n  - InvalidInstanceType: instanceType must be an EC2 instance type such as t3.micro: a family with its generation, a dot and a size, got "${name}"`,
      );
    },
  );

  test.each(['my.state-bucket', 'abc', `${'a1-'.repeat(20)}abc`])(
    'accepts the bucket name %s',
    (name) => expect(load({ APIGW__bucket: name }).bucket).toBe(name),
  );

  test.each(['My_Bucket', 'ab', 'a..b', '192.168.1.1', 'xn--bucket', 'data-s3alias', '-bucket'])(
    'fails on the bucket name %s',
    (name) => {
      const error = validationErrorOf(() => load({ APIGW__bucket: name }));
      expect(error.message).toBe(
        `test config: 1 problem\n  - InvalidBucketName: bucket must be an S3 bucket name: 3-63 characters of a-z, 0-9, "." and "-", starting and ending with a letter or digit, not an IP address, without ".." or a reserved prefix or suffix, got "${name}"`,
      );
    },
  );
});

describe('client CIDRs', () => {
  const schema = z.strictObject({ clientCidrs: clientCidrs().default(['10.0.0.0/8']) });

  test('fails when the blocks together cover every address', () => {
    const error = validationErrorOf(() =>
      loadConfig({
        app: 'test',
        schema,
        env: { APIGW__clientCidrs: '["0.0.0.0/1","10.0.0.0/8","128.0.0.0/1"]' },
      }),
    );
    expect(error.message).toBe(
      'test config: 1 problem\n  - OpenIngress: clientCidrs must not together cover every IPv4 address: name the client networks, not the internet, got ["0.0.0.0/1","10.0.0.0/8","128.0.0.0/1"]',
    );
  });

  test('coversEveryAddress sees gaps and overlaps', () => {
    expect(coversEveryAddress(['0.0.0.0/0'])).toBe(true);
    expect(coversEveryAddress(['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/1'])).toBe(true);
    expect(coversEveryAddress(['0.0.0.0/2', '128.0.0.0/1'])).toBe(false);
    expect(coversEveryAddress(['0.0.0.0/1', '0.0.0.0/2', '128.0.0.0/2'])).toBe(false);
    expect(coversEveryAddress([])).toBe(false);
  });
});

describe('overrides of named list items', () => {
  const schema = z.strictObject({
    regions: z
      .array(z.strictObject({ name: z.string(), weight: z.number(), region: z.string() }))
      .default([
        { name: 'east', weight: 192, region: 'us-east-1' },
        { name: 'west', weight: 64, region: 'us-west-2' },
      ]),
  });
  const load = (env: NodeJS.ProcessEnv) => loadConfig({ app: 'test', schema, env });

  test('APIGW__regions__west__weight=0 changes that item only, and text stays text', () => {
    const config = load({
      APIGW__regions__west__weight: '0',
      APIGW__regions__east__region: 'us-east-2',
    });
    expect(config.regions).toEqual([
      { name: 'east', weight: 192, region: 'us-east-2' },
      { name: 'west', weight: 0, region: 'us-west-2' },
    ]);
  });

  test('an index names an item too', () => {
    expect(load({ APIGW__regions__1__weight: '7' }).regions.map((r) => r.weight)).toEqual([192, 7]);
  });

  test('a file addresses list items by name the same way', () => {
    const file = tempFile(JSON.stringify({ regions: { east: { weight: 10 } } }));
    expect(load({ APIGW_CONFIG_FILE: file }).regions.map((r) => r.weight)).toEqual([10, 64]);
  });

  test('a list in the file still replaces the list whole', () => {
    const file = tempFile(
      JSON.stringify({ regions: [{ name: 'eu', weight: 1, region: 'eu-west-1' }] }),
    );
    expect(load({ APIGW_CONFIG_FILE: file }).regions.map((r) => r.name)).toEqual(['eu']);
  });

  test('fails when the name matches no item', () => {
    const error = validationErrorOf(() => load({ APIGW__regions__north__weight: '5' }));
    expect(error.message).toBe(
      'test config: 1 problem\n  - UnknownListItem: regions.north must name an item of regions by its name (east, west) or its index (0-1), got {"weight":5}',
    );
  });
});
