import { z } from 'zod';
import { singleTargetStackProps } from '../src/app/reference-stack';
import { singleTargetFields } from '../src/config/schema';
import { Problems, validationErrorOf } from '../src/errors';

describe('Problems', () => {
  test('checkEach names each bad item by its index and keeps the good ones quiet', () => {
    const problems = new Problems('Orders').checkEach(
      ['10.0.0.0/16', 'nope', '10.1.0.0/16', 'bad'],
      (cidr) => cidr.includes('/'),
      'InvalidCidr',
      'props.cidrs',
      'must be an IPv4 CIDR block',
    );
    expect(problems.items).toEqual([
      {
        code: 'InvalidCidr',
        path: 'props.cidrs[1]',
        value: 'nope',
        allowed: 'must be an IPv4 CIDR block',
      },
      {
        code: 'InvalidCidr',
        path: 'props.cidrs[3]',
        value: 'bad',
        allowed: 'must be an IPv4 CIDR block',
      },
    ]);
  });

  test('checkPort accepts 1 and 65535', () => {
    expect(new Problems('Orders').checkPort('port', 1).checkPort('port', 65535).items).toEqual([]);
  });

  test('fails when a port is 0, above 65535 or not whole', () => {
    const error = validationErrorOf(() =>
      new Problems('Orders')
        .checkPort('a', 0)
        .checkPort('b', 65536)
        .checkPort('c', 80.5)
        .throwIfAny(),
    );
    expect(error.codes).toEqual(['InvalidPort', 'InvalidPort', 'InvalidPort']);
    expect(error.problems.map((p) => p.path)).toEqual(['a', 'b', 'c']);
    expect(error.message).toMatch(/InvalidPort: b must be a whole number 1-65535, got 65536/);
  });
});

describe('singleTargetStackProps', () => {
  const schema = z.strictObject(singleTargetFields());

  test('the default config deploys into the placeholder account in us-east-1, tagged with the app', () => {
    const props = singleTargetStackProps('orders', { config: schema.parse({}), mode: 'offline' });
    expect(props).toEqual({
      app: 'orders',
      mode: 'offline',
      target: { accountId: '111111111111', region: 'us-east-1', roleName: undefined },
      backend: undefined,
      tags: { Architecture: 'orders' },
    });
  });

  test('the role, backend and extra tags of the config reach the stack props', () => {
    const config = schema.parse({
      accountId: '123456789012',
      region: 'eu-west-1',
      roleName: 'deployer',
      backend: { bucket: 'tf-state', region: 'eu-west-1' },
    });
    const props = singleTargetStackProps('orders', { config, mode: 'deploy' }, { Variant: 'a' });
    expect(props.target).toEqual({
      accountId: '123456789012',
      region: 'eu-west-1',
      roleName: 'deployer',
    });
    expect(props.backend).toEqual({
      bucket: 'tf-state',
      region: 'eu-west-1',
      keyPrefix: 'apigw-private',
    });
    expect(props.tags).toEqual({ Architecture: 'orders', Variant: 'a' });
  });

  test('fails when the account ID of the config is not 12 digits', () => {
    const result = schema.safeParse({ accountId: '12345' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([['accountId']]);
  });
});
