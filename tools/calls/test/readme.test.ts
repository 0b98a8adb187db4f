import type { AppCalls } from '@apigw-private/constructs/calls/declaration';
import { README_END, readmeBegin, readmeCalls, readmeCallsOf, withReadmeCalls } from '../readme';
import { HELLO } from './fixture';

const declared: AppCalls = {
  app: 'demo',
  accounts: {},
  calls: [
    HELLO,
    { ...HELLO, name: 'unsigned', signed: false, expect: { refusedAt: 'authorizer' } },
  ],
};

describe('README documented calls', () => {
  it('writes one line per call: where from, the request, the name and the expectation', () => {
    expect(readmeCalls(declared).split('\n').slice(-2)).toEqual([
      '- `demo`, Lambda client, private DNS, GET /hello: from `client`, `GET /hello`, SigV4 to `{api-id}.execute-api.{region}.amazonaws.com` (private DNS); answered by `api/integration-hello-GET`.',
      '- `demo`, Lambda client, private DNS, GET /hello: from `client`, `GET /hello`, unsigned to `{api-id}.execute-api.{region}.amazonaws.com` (private DNS); refused at **authorizer**.',
    ]);
  });

  it('appends the block under a heading, then replaces only the block', () => {
    const first = withReadmeCalls('# demo\n\nintro\n', declared);
    expect(first).toContain(`## Documented calls, as verified\n\n${readmeBegin('demo')}`);
    const edited = first.replace('intro', 'intro, edited') + '\nafter\n';
    const second = withReadmeCalls(edited, { ...declared, calls: [HELLO] });
    expect(second).toContain('intro, edited');
    expect(second.endsWith(`${README_END}\n\nafter\n`)).toBe(true);
    expect(readmeCallsOf(second, 'demo')).toBe(readmeCalls({ ...declared, calls: [HELLO] }));
  });

  it('finds no block in a README without one', () => {
    expect(readmeCallsOf('# demo\n', 'demo')).toBeUndefined();
  });
});
