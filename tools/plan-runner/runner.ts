import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { MODE_ENV, Mode, resolveMode } from '@apigw-private/constructs/providers/mode';
import { HOLDER_ENV, acquireLock } from './lock';
import { pool, warmPluginCache } from './parallel';
import {
  Diagnostic,
  ProviderSource,
  formatDiagnostic,
  listStacks,
  runTerraform,
  terraform,
  terraformEnv,
  terraformVersion,
  workspaceRoot,
} from './terraform';

/** Stacks a synth must build, handed to the app (libs/constructs/src/app/synth.ts STACKS_ENV). */
const STACKS_ENV = 'APIGW_SYNTH_STACKS';

export interface PlanOptions {
  /** App folder name under apps/. */
  readonly app: string;
  /**
   * Stacks to plan.
   * @default - every stack the app synthesizes
   */
  readonly stacks?: readonly string[];
  /**
   * Synthesize first.
   * @default true
   */
  readonly synth?: boolean;
  /**
   * Run terraform after synth.
   * @default true
   */
  readonly plan?: boolean;
  /**
   * @default - APIGW_MODE, else offline in tests and CI or without AWS credentials
   */
  readonly mode?: Mode;
  /**
   * Stacks planned at once.
   * @default - the number of CPUs, at most 4
   */
  readonly concurrency?: number;
  /**
   * Output folder of the synth and the plans.
   * @default - apps/<app>/cdktf.out
   */
  readonly outdir?: string;
  /**
   * Wait while another run holds the app's lock; false fails at once with the holder's pid.
   * @default true
   */
  readonly wait?: boolean;
  /**
   * Print the full text of every Terraform warning, not only the count per stack.
   * @default false
   */
  readonly verbose?: boolean;
  /** Progress lines. @default - silent */
  readonly log?: (line: string) => void;
  /** @default - process.env */
  readonly env?: NodeJS.ProcessEnv;
}

export interface StackResult {
  readonly stack: string;
  readonly dir: string;
  /** `apps/<app>/cdktf.out/stacks/<stack>/plan.json`, the contract with guardrails and docs. */
  readonly planFile: string;
  readonly seconds: { readonly init: number; readonly plan: number; readonly show: number };
  /** Terraform's warnings for the stack (deprecated arguments and the like), each once. */
  readonly warnings: readonly Diagnostic[];
}

export interface PlanResult {
  readonly app: string;
  readonly mode: Mode;
  readonly outdir: string;
  readonly synthSeconds: number;
  readonly providerSource?: ProviderSource;
  readonly stacks: readonly StackResult[];
}

/** A synth that failed; the message is the app's own (it says what happened to the output). */
export class SynthError extends Error {
  constructor(app: string, output: string) {
    super(`Synth of apps/${app} failed:\n${output.trim()}`);
    this.name = 'SynthError';
  }
}

/** A `--stack` name the app does not have; raised before anything is written. */
export class UnknownStackError extends Error {
  constructor(app: string, unknown: readonly string[], known: readonly string[]) {
    super(
      `UnknownStack: ${unknown.map((s) => JSON.stringify(s)).join(', ')} ${unknown.length === 1 ? 'is not a stack' : 'are not stacks'} of apps/${app}; its stacks are ${known.join(', ')}.`,
    );
    this.name = 'UnknownStackError';
  }
}

export function appDir(app: string): string {
  return join(workspaceRoot, 'apps', app);
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/**
 * Synthesizes an app in a child process (the same command as its cdktf.json `app`) into `outdir`.
 * The caller holds the app's lock. With `stacks`, the synth fails, writing nothing, when the app
 * does not build one of them.
 */
export function synthApp(
  app: string,
  mode: Mode,
  env: NodeJS.ProcessEnv,
  outdir = join(appDir(app), 'cdktf.out'),
  stacks: readonly string[] = [],
): number {
  const start = process.hrtime.bigint();
  const dir = appDir(app);
  const result = spawnSync(process.execPath, [join(__dirname, 'run-app.js'), dir], {
    cwd: dir,
    env: {
      ...env,
      [MODE_ENV]: mode,
      CDKTF_OUTDIR: outdir,
      [STACKS_ENV]: stacks.join(','),
      [HOLDER_ENV]: String(process.pid),
    },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new SynthError(app, `${result.stderr}${result.stdout}`);
  return seconds(start);
}

/** A path as messages show it: relative inside the workspace, absolute outside. */
function shown(path: string): string {
  const inside = relative(workspaceRoot, path);
  return inside.startsWith('..') ? path : inside;
}

/** `basic/basic: init 0.4s, plan 3.6s, show 0.8s, 0 warnings -> apps/basic/...` */
function stackLine(app: string, result: StackResult, verbose: boolean): string {
  const { init, plan, show } = result.seconds;
  const count = result.warnings.length;
  const where = shown(result.planFile);
  const hint = count > 0 && !verbose ? ' (--verbose shows them)' : '';
  const line = `${app}/${result.stack}: init ${init.toFixed(1)}s, plan ${plan.toFixed(1)}s, show ${show.toFixed(1)}s, ${count} warning${count === 1 ? '' : 's'}${hint} -> ${where}`;
  if (!verbose || count === 0) return line;
  return [line, ...result.warnings.map((w) => formatDiagnostic(w).replace(/^/gm, '    '))].join(
    '\n',
  );
}

/**
 * `terraform init`, `plan -refresh=false -out` and `show -json` into plan.json, in one stack
 * folder. A failed plan removes the stack's plan.json, which would no longer match cdk.tf.json.
 */
async function planStack(
  stack: string,
  dir: string,
  env: NodeJS.ProcessEnv,
  seedLock: string | undefined,
): Promise<StackResult> {
  const planFile = join(dir, 'plan.json');
  try {
    return await initPlanShow(stack, dir, env, seedLock, planFile);
  } catch (error) {
    if (existsSync(planFile)) {
      rmSync(planFile, { force: true });
      (error as Error).message +=
        `\n(${shown(planFile)} from an earlier plan was removed: it no longer matched cdk.tf.json)`;
    }
    throw error;
  }
}

async function initPlanShow(
  stack: string,
  dir: string,
  env: NodeJS.ProcessEnv,
  seedLock: string | undefined,
  planFile: string,
): Promise<StackResult> {
  if (seedLock && !existsSync(join(dir, '.terraform.lock.hcl')))
    copyFileSync(seedLock, join(dir, '.terraform.lock.hcl'));
  const run = { cwd: dir, env };
  let start = process.hrtime.bigint();
  await runTerraform(['init', '-input=false', '-no-color'], run);
  const init = seconds(start);
  start = process.hrtime.bigint();
  const { warnings } = await terraform(
    [
      'plan',
      '-refresh=false',
      '-input=false',
      '-no-color',
      '-lock=false',
      '-json',
      '-out=plan.tfplan',
    ],
    run,
  );
  const plan = seconds(start);
  start = process.hrtime.bigint();
  await runTerraform(['show', '-json', '-no-color', 'plan.tfplan'], {
    ...run,
    stdoutFile: planFile,
  });
  const show = seconds(start);
  return { stack, dir, planFile, seconds: { init, plan, show }, warnings };
}

/**
 * Under the app's lock: synth (staged, see libs/constructs/src/app/synth.ts), then for each stack
 * `terraform init` (local backend), `terraform plan -refresh=false -out` and `terraform show
 * -json` into <outdir>/stacks/<stack>/plan.json, with a count of Terraform's warnings per stack.
 */
export async function runPlan(options: PlanOptions): Promise<PlanResult> {
  const env = options.env ?? process.env;
  const mode = options.mode ?? resolveMode(env);
  const log = options.log ?? (() => undefined);
  const dir = appDir(options.app);
  if (!existsSync(join(dir, 'src', 'main.ts'))) {
    throw new SynthError(
      options.app,
      `apps/${options.app}/src/main.ts does not exist; the apps are ${listApps().join(', ')}`,
    );
  }
  const outdir = resolve(options.outdir ?? join(dir, 'cdktf.out'));
  const release = await acquireLock(outdir, {
    label: `apps/${options.app}`,
    command: `plan-runner ${options.app}`,
    wait: options.wait ?? true,
    log,
  });
  try {
    return await planLocked(options, { env, mode, log, outdir });
  } finally {
    release();
  }
}

async function planLocked(
  options: PlanOptions,
  context: {
    readonly env: NodeJS.ProcessEnv;
    readonly mode: Mode;
    readonly log: (line: string) => void;
    readonly outdir: string;
  },
): Promise<PlanResult> {
  const { env, mode, log, outdir } = context;
  const app = options.app;
  const wanted = options.stacks ?? [];
  let synthSeconds = 0;
  if (options.synth ?? true) {
    synthSeconds = synthApp(app, mode, env, outdir, wanted);
    log(`${app}: synth ${synthSeconds.toFixed(2)}s (${mode})`);
  }
  const available = listStacks(outdir);
  if (available.length === 0)
    throw new Error(
      `No synthesized stack in ${shown(outdir)}; synthesize first (npm run synth, or leave out --no-synth).`,
    );
  const unknown = wanted.filter((s) => !available.includes(s));
  if (unknown.length > 0) throw new UnknownStackError(app, unknown, available);
  const stacks = wanted.length > 0 ? [...wanted] : available;
  if (options.plan === false) return { app, mode, outdir, synthSeconds, stacks: [] };

  terraformVersion(env);
  const { env: tfEnv, providerSource } = terraformEnv(env);
  const seedLock = providerSource.kind === 'download' ? await warmPluginCache(tfEnv) : undefined;
  const concurrency = options.concurrency ?? Math.min(availableParallelism(), 4);
  const results = await pool(stacks, concurrency, async (stack) => {
    const result = await planStack(stack, join(outdir, 'stacks', stack), tfEnv, seedLock);
    log(stackLine(app, result, options.verbose ?? false));
    return result;
  });
  return { app, mode, outdir, synthSeconds, providerSource, stacks: results };
}

/** Apps that have an entry point, sorted. */
export function listApps(): string[] {
  const dir = join(workspaceRoot, 'apps');
  return readdirSync(dir)
    .filter((a) => existsSync(join(dir, a, 'src', 'main.ts')))
    .sort();
}
