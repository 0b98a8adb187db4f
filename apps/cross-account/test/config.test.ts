// Bad input of apps/cross-account: each is refused before any construct is built, with a stable
// code and a message naming the field and the value.
import { loadConfig, parseConfig } from '@apigw-private/constructs/config/load';
import { validationErrorOf } from '@apigw-private/constructs/errors';
import { documentedOverrideFailures } from '@apigw-private/tools/testing/overrides';
import { crossAccountConfigSchema } from '../src/config';

function parse(input: unknown) {
  return parseConfig('cross-account config', crossAccountConfigSchema, input);
}

describe('cross-account config', () => {
  test('the defaults describe six distinct accounts in one Region with a Lambda authorizer', () => {
    const config = parse({});
    expect(config.region).toBe('us-east-1');
    expect(config.accounts.a.accountId).toBe('111111111111');
    expect(config.accounts.b.accountId).toBe('222222222222');
    expect(config.frontDoor.authorizer.type).toBe('lambda-request');
    expect(config.frontDoor.connectivity).toBe('transit-gateway');
    expect(config.transitGateway).toEqual(
      expect.objectContaining({ owner: 'a', routing: 'default', allowExternalPrincipals: false }),
    );
  });

  test('PrivateLink networks may overlap the central one', () => {
    expect(() =>
      parse({
        networks: { serviceA: { vpcCidr: '10.3.0.0/16', azs: ['us-east-1a', 'us-east-1b'] } },
      }),
    ).not.toThrow();
  });

  test('fails when an account ID is not 12 digits', () => {
    const error = validationErrorOf(() => parse({ accounts: { b: { accountId: '12345' } } }));
    expect(error.codes).toEqual(['InvalidAccountId']);
    expect(error.message).toMatch(
      /InvalidAccountId: accounts\.b\.accountId must be a 12-digit AWS account ID, got "12345"/,
    );
  });

  test('fails when the front door and the private API are the same account', () => {
    const error = validationErrorOf(() =>
      parse({ accounts: { b: { accountId: '111111111111' } } }),
    );
    expect(error.codes).toEqual(['SameAccount']);
    expect(error.message).toMatch(
      /SameAccount: accounts\.b\.accountId must differ from accounts\.a\.accountId.*got "111111111111"/,
    );
  });

  test('fails when a resource account is the central account', () => {
    const error = validationErrorOf(() =>
      parse({ accounts: { serviceB: { accountId: '333333333333' } } }),
    );
    expect(error.codes).toEqual(['SameAccount']);
    expect(error.message).toMatch(
      /accounts\.serviceB\.accountId must differ from accounts\.central\.accountId.*"333333333333"/,
    );
  });

  test('fails when the endpoint account is in another Region than the private API', () => {
    const error = validationErrorOf(() =>
      parse({ accounts: { a: { accountId: '111111111111', region: 'eu-west-1' } } }),
    );
    expect(error.codes).toEqual(['RegionMismatch']);
    expect(error.message).toMatch(
      /RegionMismatch: accounts\.a\.region must be the app's Region us-east-1: the endpoint and the private API it invokes must share a Region, got "eu-west-1"/,
    );
  });

  test('fails when the networks joined by Transit Gateway or peering overlap', () => {
    const error = validationErrorOf(() =>
      parse({
        networks: { b: { vpcCidr: '10.1.128.0/17', azs: ['us-east-1a', 'us-east-1b'] } },
      }),
    );
    expect(error.codes).toEqual(['OverlappingCidrs']);
    expect(error.message).toMatch(
      /OverlappingCidrs: networks\.b\.vpcCidr must not overlap networks\.a\.vpcCidr 10\.1\.0\.0\/16.*got "10\.1\.128\.0\/17"/,
    );
  });

  test('fails when the front door has no authorizer', () => {
    const error = validationErrorOf(() => parse({ frontDoor: { authorizer: { type: 'none' } } }));
    expect(error.codes).toEqual(['MissingAuthorizer']);
    expect(error.message).toMatch(
      /MissingAuthorizer: frontDoor\.authorizer\.type must be lambda-request, lambda-token or cognito.*got "none"/,
    );
  });

  test('fails when a Cognito authorizer names no user pool', () => {
    const error = validationErrorOf(() =>
      parse({ frontDoor: { authorizer: { type: 'cognito' } } }),
    );
    expect(error.codes).toEqual(['MissingUserPools']);
    expect(error.message).toMatch(/frontDoor\.authorizer\.cognitoUserPoolArns/);
  });

  test('fails when the token hash is not a SHA-256 hex digest', () => {
    const error = validationErrorOf(() =>
      parse({ frontDoor: { authorizer: { tokenSha256: 'not-a-hash' } } }),
    );
    expect(error.codes).toEqual(['InvalidTokenHash']);
    expect(error.message).toMatch(/frontDoor\.authorizer\.tokenSha256 .*"not-a-hash"/);
  });

  test('fails when an Availability Zone is outside the Region', () => {
    const error = validationErrorOf(() =>
      parse({
        networks: { central: { vpcCidr: '10.3.0.0/16', azs: ['us-east-1a', 'us-west-2b'] } },
      }),
    );
    expect(error.codes).toEqual(['AvailabilityZoneOutsideRegion']);
    expect(error.message).toMatch(/networks\.central\.azs\[1\] .*"us-west-2b"/);
  });

  test('every override the docs show loads and sets its field', () => {
    expect(
      documentedOverrideFailures('cross-account', (env) =>
        loadConfig({ app: 'cross-account', schema: crossAccountConfigSchema, env }),
      ),
    ).toEqual([]);
  });

  test('fails when the Auto Scaling group instance type is not of the documented form', () => {
    const error = validationErrorOf(() => parse({ privateLink: { asgInstanceType: 'large' } }));
    expect(error.message).toBe(
      'cross-account config: 1 problem\n  - InvalidInstanceType: privateLink.asgInstanceType must be an EC2 instance type such as t3.micro: a family with its generation, a dot and a size, got "large"',
    );
  });
});
