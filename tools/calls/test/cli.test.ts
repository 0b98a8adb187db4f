// `npm run calls -- <app> [--stack <id>] [--from <dir>] [--json]`: exit 0 when every declared call
// meets its expectation, 1 otherwise, 2 on bad usage; one line per call.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { WORKSPACE } from '../load';
import { blockAt, broken, cleanUp, synthesize } from './real-stacks';

let out: string;

beforeAll(async () => {
  out = join(await synthesize(['basic']), 'basic');
}, 120_000);

afterAll(cleanUp);

function calls(...args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(WORKSPACE, 'tools/calls/cli.ts'), ...args],
    {
      cwd: WORKSPACE,
      encoding: 'utf8',
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run calls', () => {
  it('exits 0 and prints one PASS line per declared call of the synthesized output', () => {
    const result = calls('basic', '--from', out);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.slice(0, -1).every((l) => l.startsWith('PASS '))).toBe(true);
    expect(lines).toContain(
      'PASS basic private-dns-from-lambda: answered by mock aws_api_gateway_integration.api_integration-hello-GET_10C7D685',
    );
    expect(lines[lines.length - 1]).toMatch(/^basic: (\d+)\/\1 calls as declared in \d+\.\d\ds$/);
  });

  it('exits 1 and names the step and resource when a documented call is refused', () => {
    const dir = broken(out, 'basic', (json) => {
      const document = blockAt(json, 'data.aws_iam_policy_document', 'execute-api/policy');
      (document.statement as { resources: string[] }[])[0].resources = [
        'arn:aws:execute-api:us-east-1:111111111111:x/*',
      ];
    });
    const result = calls('basic', '--from', dir, '--stack', 'basic');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      'FAIL basic private-dns-from-lambda: refused at endpoint-policy: aws_vpc_endpoint_policy.execute-api_endpoint-policy_A05A5261:',
    );
    expect(result.stdout).not.toContain(' basic-private-dns-off ');
  });

  it('writes the steps of every call as JSON', () => {
    const result = calls('basic', '--from', out, '--json', '--stack', 'basic-private-dns-off');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      results: { call: { stack: string }; steps: { step: string; address: string }[] }[];
    };
    expect(report.ok).toBe(true);
    expect(new Set(report.results.map((r) => r.call.stack))).toEqual(
      new Set(['basic-private-dns-off']),
    );
    expect(report.results[0].steps[0]).toEqual(expect.objectContaining({ step: 'client' }));
  });

  it('exits 2 on bad usage, saying what is wrong', () => {
    const result = calls('basic', '--from', join(out, 'nowhere'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('has no stacks/');
    expect(calls('basic', '--bogus').stderr).toContain('unknown option --bogus');
  });

  it('fails with NoCalls for an app without declarations', () => {
    const result = calls('no-such-app', '--from', out);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('NoCalls: apps/no-such-app/src/calls.ts does not exist');
  });
});
