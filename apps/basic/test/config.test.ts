// Config of apps/basic: the documented overrides load, and bad input is refused by field.
import { loadConfig } from '@apigw-private/constructs/config/load';
import { validationErrorOf } from '@apigw-private/constructs/errors';
import { documentedOverrideFailures } from '@apigw-private/tools/testing/overrides';
import { basicConfigSchema } from '../src/config';

function load(env: Record<string, string> = {}) {
  return loadConfig({ app: 'basic', schema: basicConfigSchema, env });
}

describe('basic config', () => {
  test('every override the docs show loads and sets its field', () => {
    expect(documentedOverrideFailures('basic', load)).toEqual([]);
  });

  test('fails when the EC2 client instance type is not of the documented form', () => {
    const error = validationErrorOf(() => load({ APIGW__clients__ec2InstanceType: 't3-micro' }));
    expect(error.message).toBe(
      'basic config: 1 problem\n  - InvalidInstanceType: clients.ec2InstanceType must be an EC2 instance type such as t3.micro: a family with its generation, a dot and a size, got "t3-micro"',
    );
  });

  test('fails when the client CIDRs together open every address', () => {
    const error = validationErrorOf(() =>
      load({ APIGW__clientCidrs: '["0.0.0.0/1","128.0.0.0/1"]' }),
    );
    expect(error.message).toBe(
      'basic config: 1 problem\n  - OpenIngress: clientCidrs must not together cover every IPv4 address: name the client networks, not the internet, got ["0.0.0.0/1","128.0.0.0/1"]',
    );
  });

  test('fails on a Region the AWS SDK does not know, and on an AZ letter no Region has', () => {
    const error = validationErrorOf(() =>
      load({ APIGW__region: 'us-east-9', APIGW__network__azs: '["us-east-1a","us-east-1z"]' }),
    );
    expect(error.message).toBe(
      [
        'basic config: 2 problems',
        '  - InvalidRegion: region must be an AWS Region in the AWS SDK\'s partition data, such as us-east-1 (for a Region newer than the installed SDK, add it to APIGW_EXTRA_REGIONS), got "us-east-9"',
        '  - InvalidAvailabilityZone: network.azs[1] must be an Availability Zone name: a Region code followed by a letter a-f, such as us-east-1a (add newer ones to APIGW_EXTRA_REGIONS), got "us-east-1z"',
      ].join('\n'),
    );
  });

  test('fails when the state bucket name is not a valid S3 bucket name', () => {
    const error = validationErrorOf(() =>
      load({ APIGW__backend__bucket: 'My_State', APIGW__backend__region: 'us-east-1' }),
    );
    expect(error.codes).toEqual(['InvalidBucketName']);
    expect(error.message).toMatch(
      /InvalidBucketName: backend\.bucket must be an S3 bucket name: .*, got "My_State"$/,
    );
  });
});
