// The app lock: a second run of the same app (runner or cdktf-cli's app command) waits for the
// first with a message naming its pid, `--no-wait` fails at once with that message, a lock left
// by a dead process is taken over, and two full runs at once both end well.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acquireLock, lockFileOf } from '../lock';
import { appDir } from '../runner';
import { leftovers } from './folder';
import { newOutdir, runCli, startApp, startCli, until } from './run';

const TIMEOUT = 300_000;
const basic = appDir('basic');

/** Holds apps/basic's lock in this process, as another run would. */
async function holdLock(): Promise<{ release: () => void; message: string }> {
  const release = await acquireLock(basic, { command: 'test holder', log: () => undefined });
  const { since } = JSON.parse(readFileSync(lockFileOf(basic), 'utf8')) as { since: string };
  return {
    release,
    message: `apps/basic is locked by pid ${process.pid} (test holder, since ${since.slice(11, 19)})`,
  };
}

let releases: (() => void)[] = [];
afterEach(() => {
  releases.forEach((release) => release());
  releases = [];
});

describe('plan-runner lock', () => {
  test("fails at once with --no-wait, naming the holder's pid, and writes nothing", async () => {
    const held = await holdLock();
    releases.push(held.release);
    const outdir = newOutdir();
    const result = await runCli(['basic', '--synth-only', '--no-wait', '--outdir', outdir]);
    expect(result).toEqual({ code: 1, stdout: '', stderr: `${held.message}\n` });
    expect(existsSync(outdir)).toBe(false);
  });

  test(
    'a second run waits for the holder with a message naming its pid, then runs',
    async () => {
      const held = await holdLock();
      releases.push(held.release);
      const outdir = newOutdir();
      const second = startCli(['basic', '--synth-only', '--outdir', outdir]);
      await until(second, (output) => output.includes('waiting'));
      expect(second.output()).toBe(`${held.message}; waiting for it to finish\n`);
      expect(existsSync(outdir)).toBe(false);
      held.release();
      const result = await second.done;
      expect(result.code).toBe(0);
      expect(existsSync(join(outdir, 'stacks', 'basic', 'cdk.tf.json'))).toBe(true);
      expect(existsSync(lockFileOf(basic))).toBe(false);
    },
    TIMEOUT,
  );

  test(
    "cdktf-cli's app command waits on the same lock",
    async () => {
      const held = await holdLock();
      releases.push(held.release);
      const outdir = newOutdir();
      const app = startApp('basic', { CDKTF_OUTDIR: outdir });
      await until(app, (output) => output.includes('waiting'));
      expect(app.output()).toBe(`${held.message}; waiting for it to finish\n`);
      held.release();
      const result = await app.done;
      expect(result.code).toBe(0);
      expect(existsSync(join(outdir, 'stacks', 'basic', 'cdk.tf.json'))).toBe(true);
    },
    TIMEOUT,
  );

  test(
    'takes over a lock left by a process that is no longer running',
    async () => {
      const dead = spawnSync(process.execPath, ['-e', '']).pid;
      writeFileSync(
        lockFileOf(basic),
        JSON.stringify({ pid: dead, command: 'killed run', since: new Date().toISOString() }),
      );
      const result = await runCli(['basic', '--synth-only', '--outdir', newOutdir()]);
      expect(result.code).toBe(0);
      expect(result.stdout.split('\n')[0]).toBe(
        `apps/basic: took over the lock of pid ${dead}, which is no longer running`,
      );
      expect(existsSync(lockFileOf(basic))).toBe(false);
    },
    TIMEOUT,
  );

  test(
    'two runs of the same app at once, into the same folder, both end well',
    async () => {
      const outdir = newOutdir();
      const args = ['basic', '--stack', 'basic', '--outdir', outdir];
      const [first, second] = await Promise.all([startCli(args).done, startCli(args).done]);
      expect([first.code, second.code, first.stderr, second.stderr]).toEqual([0, 0, '', '']);
      const waited = [first, second].filter((r) => r.stdout.includes('waiting for it to finish'));
      expect(waited).toHaveLength(1);
      expect(waited[0].stdout.split('\n')[0]).toMatch(
        /^apps\/basic is locked by pid \d+ \(plan-runner basic, since \d\d:\d\d:\d\d\); waiting for it to finish$/,
      );
      const planFile = join(outdir, 'stacks', 'basic', 'plan.json');
      expect(JSON.parse(readFileSync(planFile, 'utf8')).format_version).toBeDefined();
      expect(leftovers(outdir)).toEqual([]);
      expect(readdirSync(basic).filter((name) => name.includes('.lock'))).toEqual([]);
    },
    TIMEOUT,
  );
});
