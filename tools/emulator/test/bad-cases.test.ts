// What the emulator harness does when things go wrong before any apply: moto missing, the port
// taken. The cases that need an apply are in bad-apply.apply.test.ts (npm run test:apply).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { processAlive, pythonBinary, startMoto } from '../moto';

const WORKSPACE = join(__dirname, '..', '..', '..');

describe('emulator harness', () => {
  it('fails with one message saying what to install when moto is not installed', () => {
    // A python3 that sees no site-packages stands for a machine without moto.
    const dir = mkdtempSync(join(tmpdir(), 'no-moto-'));
    const python = join(dir, 'python3');
    writeFileSync(python, '#!/bin/sh\nexec python3 -S "$@"\n');
    chmodSync(python, 0o755);
    const result = spawnSync('npx', ['tsx', 'tools/emulator/cli.ts', 'basic'], {
      cwd: WORKSPACE,
      env: { ...process.env, APIGW_PYTHON: python },
      encoding: 'utf8',
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toEqual([
      'moto is not installed for python3: pip install "moto[server]" (Python 3.9 or newer), then run again.',
    ]);
  }, 60_000);

  it('uses the first python3 on PATH that has moto, when one without it comes first', () => {
    // npm and Nx put /usr/bin ahead of a version manager's shims; this python3 stands for it.
    const dir = mkdtempSync(join(tmpdir(), 'python-first-'));
    const bare = join(dir, 'python3');
    const real = pythonBinary({ ...process.env, APIGW_PYTHON: '' });
    writeFileSync(bare, `#!/bin/sh\nexec ${real} -S "$@"\n`);
    chmodSync(bare, 0o755);
    const env = { ...process.env, APIGW_PYTHON: '', PATH: `${dir}${delimiter}${process.env.PATH}` };
    const python = pythonBinary(env);
    expect(python).not.toBe(bare);
    expect(spawnSync(python, ['-c', 'import moto.server'], { env }).status).toBe(0);
  });

  it('picks another port when the one asked for is taken', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()));
    const port = (taken.address() as { port: number }).port;
    const moto = await startMoto({ port });
    try {
      expect(moto.port).not.toBe(port);
      expect((await fetch(`${moto.endpoint}/moto-api/reset-auth`)).status).toBeGreaterThan(0);
    } finally {
      await moto.stop();
      taken.close();
    }
    expect(processAlive(moto.pid)).toBe(false);
  }, 120_000);
});
