import { parseSynth } from '@apigw-private/tools/tfjson';
import { FOREIGN, placeholderFor, UNKNOWN_ACCOUNT, whereaboutsOf } from '..';

const plan = parseSynth(
  {
    provider: { aws: [{ region: 'eu-west-1', allowed_account_ids: ['123456789012'] }] },
    resource: {
      aws_vpc_endpoint: { api: { vpc_id: 'vpc-1', service_name: 'x' } },
      aws_api_gateway_rest_api: { orders: { name: 'orders' } },
      aws_s3_bucket: { logs: { bucket: 'my-logs' } },
    },
  },
  { stack: 'demo' },
);

describe('placeholderFor', () => {
  const where = whereaboutsOf(plan);

  it('reads Region and account from the provider configuration', () => {
    expect(where).toEqual({ region: 'eu-west-1', account: '123456789012', partition: 'aws' });
  });

  it('gives an endpoint ID of the AWS form, the same every time', () => {
    const ref = { address: 'aws_vpc_endpoint.api', attribute: 'id', resolved: true };
    const id = placeholderFor(plan, ref, where);
    expect(id).toMatch(/^vpce-0[0-9a-f]{16}$/);
    expect(placeholderFor(plan, ref, where)).toBe(id);
    expect(id).not.toBe(FOREIGN.endpoint);
  });

  it('builds an execution ARN in the stack Region and account', () => {
    expect(
      placeholderFor(
        plan,
        { address: 'aws_api_gateway_rest_api.orders', attribute: 'execution_arn', resolved: true },
        where,
      ),
    ).toMatch(/^arn:aws:execute-api:eu-west-1:123456789012:[0-9a-f]{10}$/);
  });

  it('uses the bucket name the configuration gives', () => {
    expect(
      placeholderFor(
        plan,
        { address: 'aws_s3_bucket.logs', attribute: 'arn', resolved: true },
        where,
      ),
    ).toBe('arn:aws:s3:::my-logs');
  });

  it('has nothing for a reference that leads nowhere', () => {
    expect(placeholderFor(plan, { address: 'local.x', resolved: false }, where)).toBeUndefined();
  });

  it('falls back to the documentation account when the plan names none', () => {
    const bare = parseSynth({ resource: {} }, { stack: 'bare' });
    expect(whereaboutsOf(bare).account).toBe(UNKNOWN_ACCOUNT);
    expect(FOREIGN.account(UNKNOWN_ACCOUNT)).not.toBe(UNKNOWN_ACCOUNT);
  });
});
