// Runs apps' stacks against the emulator. Each app is synthesized once in deploy mode (so every
// provider names its account) into the emulator's work folder; apps' own cdktf.out is never
// touched. Stacks then run side by side, `jobs` at a time, each worker with its own moto: moto is
// reset before each stack, the app's seeds are put in, and the app is synthesized again with their
// identifiers when it has any. Most of a stack's time is the provider waiting between polls, so
// stacks side by side finish sooner even on two cores.
import { mkdirSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { warmPluginCache } from '@apigw-private/tools/plan-runner/parallel';
import { synthInto } from '@apigw-private/tools/plan-runner/synth-into';
import {
  listStacks,
  terraformEnv,
  terraformVersion,
  workspaceRoot,
} from '@apigw-private/tools/plan-runner/terraform';
import { StackReport, runStack } from './harness';
import {
  EmulatorError,
  Moto,
  MotoOptions,
  checkMotoInstalled,
  pythonBinary,
  withMoto,
} from './moto';
import { checkSeeded, seedApp } from './seeds';

export const WORK_ROOT = join(workspaceRoot, '.emulator');

/**
 * Stacks at once when not told: 4, fewer when memory is short (a worker's moto, terraform and
 * provider take up to 2 GiB). Not bound to the cores: a stack spends most of its time in the
 * provider's waits, and all 25 stacks took 2,480 s one at a time and 897 s four at a time on two
 * cores.
 */
export const DEFAULT_JOBS = Math.max(1, Math.min(4, Math.floor(totalmem() / 2 ** 31)));

export interface EmulateOptions {
  /** App folder names under apps/. */
  readonly apps: readonly string[];
  /** Only these stack IDs. @default - every stack of each app */
  readonly stacks?: readonly string[];
  /** A folder laid out like cdktf.out to run instead of synthesizing (one app name to label it). */
  readonly from?: string;
  /** Stacks run side by side, each against its own emulator. @default DEFAULT_JOBS */
  readonly jobs?: number;
  readonly moto?: MotoOptions;
  /** @default - process.env */
  readonly env?: NodeJS.ProcessEnv;
  readonly log?: (line: string) => void;
  /** Progress hook, see StackRun.onPhase. */
  readonly onPhase?: (app: string, stack: string, phase: string, moto: Moto) => void;
}

interface Task {
  readonly app: string;
  readonly stack: string;
  /** The app's synthesized output folder (or --from). */
  readonly outdir: string;
  readonly appWork: string;
  /** Seeds apply only to a synthesized app, not to a --from folder. */
  readonly seeds: boolean;
}

/** Synthesizes each app once and lists the stacks to run, before any emulator starts. */
async function plan(options: EmulateOptions, env: NodeJS.ProcessEnv): Promise<Task[]> {
  const tasks: Task[] = [];
  for (const app of options.apps) {
    const appWork = join(WORK_ROOT, app);
    mkdirSync(appWork, { recursive: true });
    const outdir = options.from ? resolve(options.from) : join(appWork, 'cdktf.out');
    if (!options.from) await synthInto(app, outdir, 'deploy', env);
    const available = listStacks(outdir);
    const wanted = options.stacks?.length
      ? available.filter((s) => options.stacks?.includes(s))
      : available;
    if (wanted.length === 0)
      throw new EmulatorError(
        `no stack of ${app} matches; it has ${available.join(', ') || 'none'}`,
      );
    tasks.push(...wanted.map((stack) => ({ app, stack, outdir, appWork, seeds: !options.from })));
  }
  return tasks;
}

/**
 * Runs every selected stack; a stack's failure is in its report, an emulator's death ends the run
 * (the other workers finish the stack they are on, take no other, and stop their emulator).
 * Reports come in the order of the apps and their stacks, whatever order they finished in.
 */
export async function emulate(options: EmulateOptions): Promise<StackReport[]> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  const python = options.moto?.python ?? pythonBinary(env);
  checkMotoInstalled(python, env);
  terraformVersion(env);
  const { env: tfEnv, providerSource } = terraformEnv(env);
  const tasks = await plan(options, env);
  // Without a provider mirror, the provider is downloaded once before stacks init side by side.
  const seedLock = providerSource.kind === 'download' ? await warmPluginCache(tfEnv) : undefined;
  const reports: (StackReport | undefined)[] = new Array(tasks.length);
  let next = 0;
  let died: string | undefined;
  // A harness error (not a stack's failure, which is in its report) stops every worker too.
  let halted = false;

  const runTask = async (task: Task, moto: Moto): Promise<StackReport> => {
    const { app, stack, appWork } = task;
    await moto.reset();
    // Seeds go in after each reset; the app is synthesized again with their identifiers.
    let source = task.outdir;
    const seeded = task.seeds ? seedApp(app, python, moto.endpoint, task.outdir) : {};
    if (Object.keys(seeded).length > 0) {
      mkdirSync(join(appWork, 'seeded'), { recursive: true });
      source = join(appWork, 'seeded', stack);
      await synthInto(app, source, 'deploy', { ...env, ...seeded });
      checkSeeded(source, seeded);
    }
    const workDir = join(appWork, 'work', 'stacks', stack);
    return runStack({
      app,
      stack,
      sourceDir: join(source, 'stacks', stack),
      workDir,
      moto,
      python,
      tfEnv,
      seedLock,
      onPhase: (phase) => {
        log(`${app}/${stack}: ${phase}`);
        options.onPhase?.(app, stack, phase, moto);
      },
    });
  };

  // A port asked for goes to the first worker; the others take free ones.
  const worker = (n: number) =>
    withMoto(
      { ...options.moto, port: n === 0 ? options.moto?.port : undefined, python, env },
      async (moto) => {
        log(`emulator: moto on ${moto.endpoint} (pid ${moto.pid})`);
        while (died === undefined && !halted && next < tasks.length) {
          const index = next++;
          try {
            const report = await runTask(tasks[index], moto);
            reports[index] = report;
            const reason = moto.exitReason();
            if (reason) died = report.error ?? reason;
          } catch (error) {
            halted = true;
            throw error;
          }
        }
      },
    );

  const jobs = Math.max(1, Math.min(options.jobs ?? DEFAULT_JOBS, tasks.length));
  const settled = await Promise.allSettled(Array.from({ length: jobs }, (_, n) => worker(n)));
  if (died !== undefined) throw new EmulatorError(died);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return reports.filter((r): r is StackReport => r !== undefined);
}
