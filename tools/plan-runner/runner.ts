import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MODE_ENV, Mode, resolveMode } from '@apigw-private/constructs/providers/mode';
import {
  AWS_PROVIDER,
  ProviderSource,
  TerraformError,
  cliDir,
  findProviderSource,
  listStacks,
  runTerraform,
  terraformVersion,
  workspaceRoot,
  writeCliConfig,
} from './terraform';

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
}

export interface PlanResult {
  readonly app: string;
  readonly mode: Mode;
  readonly outdir: string;
  readonly synthSeconds: number;
  readonly providerSource?: ProviderSource;
  readonly stacks: readonly StackResult[];
}

export class SynthError extends Error {
  constructor(app: string, output: string) {
    super(`Synth of apps/${app} failed; the previous cdktf.out is untouched.\n${output.trim()}`);
    this.name = 'SynthError';
  }
}

export function appDir(app: string): string {
  return join(workspaceRoot, 'apps', app);
}

export function planFileOf(app: string, stack: string): string {
  return join(appDir(app), 'cdktf.out', 'stacks', stack, 'plan.json');
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/**
 * Synthesizes an app in a child process (the same command as its cdktf.json `app`), into the app's
 * cdktf.out unless another output folder is named (the emulator synthesizes into its work folder).
 */
export function synthApp(
  app: string,
  mode: Mode,
  env: NodeJS.ProcessEnv,
  outdir: string = join(appDir(app), 'cdktf.out'),
): number {
  const start = process.hrtime.bigint();
  const dir = appDir(app);
  if (!existsSync(join(dir, 'src', 'main.ts')))
    throw new SynthError(app, `apps/${app}/src/main.ts does not exist`);
  const result = spawnSync(process.execPath, [join(__dirname, 'run-app.js'), dir], {
    cwd: dir,
    env: { ...env, [MODE_ENV]: mode, CDKTF_OUTDIR: outdir },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new SynthError(app, `${result.stderr}${result.stdout}`);
  return seconds(start);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Without a mirror, downloads the provider once into the shared plugin cache before stacks are
 * planned side by side, and returns the lock file to seed each stack with. A lock folder keeps
 * two runners from filling the cache at the same time.
 */
async function warmPluginCache(env: NodeJS.ProcessEnv): Promise<string> {
  const dir = join(cliDir, 'warmup');
  const lock = join(cliDir, 'warmup.lock');
  mkdirSync(dir, { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - statSync(lock).mtimeMs > 10 * 60_000) rmdirSync(lock);
      else await sleep(250);
    }
  }
  try {
    const lockFile = join(dir, '.terraform.lock.hcl');
    if (!existsSync(lockFile)) {
      const config = {
        terraform: {
          required_providers: { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER.version } },
        },
      };
      writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(config, null, 2));
      await runTerraform(['init', '-input=false', '-no-color', '-backend=false'], {
        cwd: dir,
        env,
      });
    }
    return lockFile;
  } finally {
    rmdirSync(lock);
  }
}

/** Runs tasks with at most `limit` at once; rejects with the first failure after all settle. */
async function pool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index]);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1)
    throw new TerraformError(errors.map((e) => (e as Error).message).join('\n\n'));
  return results;
}

/**
 * Synth, then for each stack: `terraform init` (local backend), `terraform plan -refresh=false
 * -out`, and `terraform show -json` into cdktf.out/stacks/<stack>/plan.json.
 */
export async function runPlan(options: PlanOptions): Promise<PlanResult> {
  const env = options.env ?? process.env;
  const mode = options.mode ?? resolveMode(env);
  const log = options.log ?? (() => undefined);
  const outdir = join(appDir(options.app), 'cdktf.out');
  let synthSeconds = 0;
  if (options.synth ?? true) {
    synthSeconds = synthApp(options.app, mode, env);
    log(`${options.app}: synth ${synthSeconds.toFixed(2)}s (${mode})`);
  }
  const available = listStacks(outdir);
  if (available.length === 0)
    throw new SynthError(options.app, `no stacks in ${outdir}; run the synth first`);
  const unknown = (options.stacks ?? []).filter((s) => !available.includes(s));
  if (unknown.length > 0) {
    throw new SynthError(
      options.app,
      `unknown stack(s) ${unknown.join(', ')}; apps/${options.app} has ${available.join(', ')}`,
    );
  }
  const stacks = options.stacks?.length ? [...options.stacks] : available;
  if (options.plan === false) return { app: options.app, mode, outdir, synthSeconds, stacks: [] };

  terraformVersion(env);
  const providerSource = findProviderSource(env);
  const tfEnv: NodeJS.ProcessEnv = {
    ...env,
    TF_CLI_CONFIG_FILE: writeCliConfig(providerSource),
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
  };
  delete tfEnv.TF_PLUGIN_CACHE_DIR;
  const seedLock = providerSource.kind === 'download' ? await warmPluginCache(tfEnv) : undefined;

  const concurrency = options.concurrency ?? Math.min(availableParallelism(), 4);
  const results = await pool(stacks, concurrency, async (stack): Promise<StackResult> => {
    const dir = join(outdir, 'stacks', stack);
    if (seedLock && !existsSync(join(dir, '.terraform.lock.hcl')))
      copyFileSync(seedLock, join(dir, '.terraform.lock.hcl'));
    const run = { cwd: dir, env: tfEnv };
    let start = process.hrtime.bigint();
    await runTerraform(['init', '-input=false', '-no-color'], run);
    const init = seconds(start);
    start = process.hrtime.bigint();
    await runTerraform(
      ['plan', '-refresh=false', '-input=false', '-no-color', '-lock=false', '-out=plan.tfplan'],
      run,
    );
    const plan = seconds(start);
    start = process.hrtime.bigint();
    const planFile = join(dir, 'plan.json');
    await runTerraform(['show', '-json', '-no-color', 'plan.tfplan'], {
      ...run,
      stdoutFile: planFile,
    });
    const show = seconds(start);
    log(
      `${options.app}/${stack}: init ${init.toFixed(1)}s, plan ${plan.toFixed(1)}s, show ${show.toFixed(1)}s -> ${planFile.slice(workspaceRoot.length + 1)}`,
    );
    return { stack, dir, planFile, seconds: { init, plan, show } };
  });
  return { app: options.app, mode, outdir, synthSeconds, providerSource, stacks: results };
}

/** Reads a plan.json written by runPlan. */
export function readPlan(app: string, stack: string): unknown {
  return JSON.parse(readFileSync(planFileOf(app, stack), 'utf8'));
}
