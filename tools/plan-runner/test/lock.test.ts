// The output folder's lock: a second run into the same folder (runner or cdktf-cli's app command)
// waits for the first with a message naming its pid, `--no-wait` fails at once with that message,
// a lock left by a dead process is taken over, and two full runs at once both end well. Each test
// uses an output folder of its own, so other test runs of apps/basic never hold its lock.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acquireLock, lockFileOf } from '../lock';
import { leftovers } from './folder';
import { newOutdir, runCli, startApp, startCli, until } from './run';

const TIMEOUT = 300_000;

/** Holds the lock of `outdir` in this process, as another run of apps/basic would. */
async function holdLock(outdir: string): Promise<{ release: () => void; message: string }> {
  const release = await acquireLock(outdir, {
    label: 'apps/basic',
    command: 'test holder',
    log: () => undefined,
  });
  const { since } = JSON.parse(readFileSync(lockFileOf(outdir), 'utf8')) as { since: string };
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
  test(
    "fails at once with --no-wait, naming the holder's pid, and writes nothing",
    async () => {
      const outdir = newOutdir();
      const held = await holdLock(outdir);
      releases.push(held.release);
      const result = await runCli(['basic', '--synth-only', '--no-wait', '--outdir', outdir]);
      expect(result).toEqual({ code: 1, stdout: '', stderr: `${held.message}\n` });
      expect(readdirSync(outdir)).toEqual(['.plan-runner.lock']);
    },
    TIMEOUT,
  );

  test(
    'a second run waits for the holder with a message naming its pid, then runs',
    async () => {
      const outdir = newOutdir();
      const held = await holdLock(outdir);
      releases.push(held.release);
      const second = startCli(['basic', '--synth-only', '--outdir', outdir]);
      await until(second, (output) => output.includes('waiting'));
      expect(second.output()).toBe(`${held.message}; waiting for it to finish\n`);
      expect(readdirSync(outdir)).toEqual(['.plan-runner.lock']);
      held.release();
      const result = await second.done;
      expect(result.code).toBe(0);
      expect(existsSync(join(outdir, 'stacks', 'basic', 'cdk.tf.json'))).toBe(true);
      expect(existsSync(lockFileOf(outdir))).toBe(false);
    },
    TIMEOUT,
  );

  test(
    "cdktf-cli's app command waits on the same lock",
    async () => {
      const outdir = newOutdir();
      const held = await holdLock(outdir);
      releases.push(held.release);
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
      const outdir = newOutdir();
      mkdirSync(outdir, { recursive: true });
      writeFileSync(
        lockFileOf(outdir),
        JSON.stringify({ pid: dead, command: 'killed run', since: new Date().toISOString() }),
      );
      const result = await runCli(['basic', '--synth-only', '--outdir', outdir]);
      expect(result.code).toBe(0);
      expect(result.stdout.split('\n')[0]).toBe(
        `apps/basic: took over the lock of pid ${dead}, which is no longer running`,
      );
      expect(existsSync(lockFileOf(outdir))).toBe(false);
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
      expect(existsSync(lockFileOf(outdir))).toBe(false);
    },
    TIMEOUT,
  );
});
