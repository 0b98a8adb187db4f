import type { AppCalls, CallDeclaration } from '@apigw-private/constructs/calls/declaration';
import { validateCalls } from '../validate';

const good: CallDeclaration = {
  name: 'hello',
  stack: 'demo',
  description: 'a call',
  from: { client: 'client' },
  dns: { kind: 'private-dns' },
  method: 'GET',
  path: '/hello',
  signed: true,
  expect: { backend: 'api' },
};

describe('validateCalls', () => {
  it('accepts well-formed declarations', () => {
    const app: AppCalls = { app: 'demo', accounts: { aws: '111111111111' }, calls: [good] };
    expect(validateCalls(app, ['demo'])).toEqual([good]);
  });

  it('fails with one InvalidCalls error naming every bad field, its value and what is allowed', () => {
    const app: AppCalls = {
      app: 'demo',
      accounts: { aws: '1234' },
      stackAccounts: { demo: { 'aws.b': 'abc' } },
      calls: [
        good,
        {
          ...good,
          name: 'hello',
          stack: 'other',
          method: 'get',
          path: 'hello',
          from: { cidr: '10.0.0.300/32', label: 'x' },
          expect: { refusedAt: 'somewhere' as never },
        },
      ],
    };
    expect(() => validateCalls(app, ['demo'])).toThrow(
      [
        'InvalidCalls: demo:',
        '  calls[1].name: "hello" is declared twice',
        '  calls[1].stack: "other" is not a synthesized stack (demo)',
        '  calls[1].path: "hello" must start with /',
        '  calls[1].method: "get" must be an HTTP method in capitals',
        '  calls[1].from.cidr: "10.0.0.300/32" is not an IPv4 CIDR',
        '  calls[1].expect.refusedAt: "somewhere" must be one of client, dns, network, endpoint-sg, endpoint-policy, method, authorizer, resource-policy, integration, listener, target-group, target-sg, backend-port',
        '  accounts.aws: "1234" must be 12 digits',
        '  stackAccounts.demo.aws.b: "abc" must be 12 digits',
      ].join('\n'),
    );
  });
});
