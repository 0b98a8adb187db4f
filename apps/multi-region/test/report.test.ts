// One run reports every mistake, config checks and construct checks alike, each under the config
// path the user wrote; a failed synth writes nothing. Runs the app's real entry point.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALLOWED_TLS_POLICIES } from '@apigw-private/constructs/load-balancing/load-balancer';

const MAIN = join(__dirname, '..', 'src', 'main.ts');

/** Runs apps/multi-region with `config` as its config file, into a fresh folder. */
function synth(config: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'multi-region-report-'));
  const outdir = join(dir, 'cdktf.out');
  mkdirSync(outdir);
  writeFileSync(join(outdir, 'sentinel'), 'previous synth');
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config));
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('APIGW')),
  );
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), MAIN], {
    env: { ...env, APIGW_MODE: 'offline', APIGW_CONFIG_FILE: file, CDKTF_OUTDIR: outdir },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { ...result, dir, outdir };
}

describe('multi-region: one report', () => {
  test('a bad zone name, a TLS 1.0 policy and an open client CIDR are reported together, by config path', () => {
    const run = synth({
      dns: { zoneName: 'x' },
      loadBalancer: { tlsPolicy: 'ELBSecurityPolicy-2016-08' },
      clientCidrs: ['0.0.0.0/0'],
    });
    expect(run.stderr).toBe(
      [
        'multi-region config: 3 problems',
        '  - OpenIngress: clientCidrs must not together cover every IPv4 address: name the client networks, not the internet, got ["0.0.0.0/0"]',
        `  - WeakTlsPolicy: loadBalancer.tlsPolicy must be a TLS 1.2+ policy, one of ${ALLOWED_TLS_POLICIES.join(', ')}, got "ELBSecurityPolicy-2016-08"`,
        '      found by InternalNlb failover-nlb/east/api/nlb at listeners.tls.sslPolicy, and by 7 more',
        '  - InvalidZoneName: dns.zoneName must be a DNS name of two or more labels, e.g. api.corp.example, got "x"',
        '      found by PrivateZone failover-nlb/zone at props.name, and by 3 more',
        '',
      ].join('\n'),
    );
    expect(run.status).toBe(1);
    // Nothing written: the previous output is as it was, and no staging folder is left.
    expect(readdirSync(run.dir).sort()).toEqual(['cdktf.out', 'config.json']);
    expect(readdirSync(run.outdir)).toEqual(['sentinel']);
    expect(readFileSync(join(run.outdir, 'sentinel'), 'utf8')).toBe('previous synth');
  }, 120_000);
});
