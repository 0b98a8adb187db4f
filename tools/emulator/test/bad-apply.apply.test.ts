// What the emulator harness does when an apply goes wrong: moto dying in the middle of it, and a
// stack that refers to a subnet or security group that does not exist (a plan cannot see that).
// Runs with `npm run test:apply`; the fixtures are small stacks laid out like cdktf.out.
import { join } from 'node:path';
import { processAlive } from '../moto';
import { emulate } from '../run';

const FIXTURES = join(__dirname, 'fixtures', 'cdktf.out');

describe('emulator harness when an apply goes wrong', () => {
  it('fails clearly and leaves no process behind when the emulator dies mid-apply', async () => {
    // Two workers: the one whose emulator dies ends the run; the other finishes its stack and
    // stops its own emulator too.
    const pids = new Map<string, number>();
    const run = emulate({
      apps: ['fixtures'],
      from: FIXTURES,
      stacks: ['slow-instance', 'missing-subnet'],
      jobs: 2,
      onPhase: (_app, stack, phase, moto) => {
        pids.set(stack, moto.pid);
        if (stack === 'slow-instance' && phase === 'apply')
          setTimeout(() => process.kill(moto.pid, 'SIGKILL'), 1500);
      },
    });
    await expect(run).rejects.toThrow(
      /apply of fixtures\/slow-instance failed because the emulator \(moto, pid \d+\) exited \(SIGKILL\)/,
    );
    expect(new Set(pids.values()).size).toBe(2);
    for (const pid of pids.values()) expect(processAlive(pid)).toBe(false);
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
