// What the emulator harness does when things go wrong: moto missing, the port taken, moto dying
// in the middle of an apply, and a stack that refers to a subnet or group that does not exist.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMoto } from '../moto';
import { emulate } from '../run';

const FIXTURES = join(__dirname, 'fixtures', 'cdktf.out');
const WORKSPACE = join(__dirname, '..', '..', '..');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

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
    expect(alive(moto.pid)).toBe(false);
  }, 120_000);

  it('fails clearly and leaves no process behind when the emulator dies mid-apply', async () => {
    let pid = 0;
    const run = emulate({
      apps: ['fixtures'],
      from: FIXTURES,
      stacks: ['slow-instance'],
      onPhase: (_app, _stack, phase, moto) => {
        pid = moto.pid;
        if (phase === 'apply') setTimeout(() => process.kill(moto.pid, 'SIGKILL'), 1500);
      },
    });
    await expect(run).rejects.toThrow(
      /apply of fixtures\/slow-instance failed because the emulator \(moto, pid \d+\) exited \(SIGKILL\)/,
    );
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(false);
  }, 300_000);

  it('fails the apply of a stack that refers to a subnet or a security group that does not exist', async () => {
    const reports = await emulate({
      apps: ['fixtures'],
      from: FIXTURES,
      stacks: ['missing-subnet', 'missing-group'],
    });
    const byStack = Object.fromEntries(reports.map((r) => [r.stack, r]));
    expect(byStack['missing-subnet'].applied).toBe(false);
    expect(byStack['missing-subnet'].error).toMatch(/InvalidSubnetID\.NotFound/);
    expect(byStack['missing-group'].applied).toBe(false);
    expect(byStack['missing-group'].error).toMatch(/InvalidGroup\.NotFound/);
    // What was created before the failure is destroyed.
    expect(reports.every((r) => r.destroyed)).toBe(true);
  }, 300_000);
});
