// npm run bench [-- <app>...] [--runs <n>] [--skip-plan]
// Prints figures, asserts nothing:
//  1. synth of each app as a plain node process (the esbuild bundle the runner builds): wall time
//     and peak memory, median of n runs;
//  2. plan runner overhead: the runner's init+plan+show of one stack against bare terraform
//     init+plan+show on a copy of the same cdk.tf.json, both from a clean .terraform, n runs each.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appDir, runPlan } from '@apigw-private/tools/plan-runner/runner';
import {
  listStacks,
  terraformBinary,
  terraformEnv,
  workspaceRoot,
} from '@apigw-private/tools/plan-runner/terraform';
import { buildApp } from '@apigw-private/tools/plan-runner/run-app';

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const now = () => Number(process.hrtime.bigint()) / 1e9;

async function measureSynth(
  app: string,
  runs: number,
): Promise<{ seconds: number; rssMb: number; buildSeconds: number }> {
  const dir = appDir(app);
  // Bundle and output in a folder of the bench's own: the app's dist and cdktf.out are left alone.
  const work = mkdtempSync(join(tmpdir(), 'bench-'));
  let start = now();
  const bundle = await buildApp(dir, join(work, 'bundle'));
  const buildSeconds = now() - start;
  const rssFile = join(work, 'rss');
  const times: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    start = now();
    const result = spawnSync(
      process.execPath,
      ['--require', join(__dirname, 'max-rss.js'), bundle],
      {
        cwd: dir,
        env: {
          ...process.env,
          APIGW_MODE: 'offline',
          BENCH_RSS_FILE: rssFile,
          CDKTF_OUTDIR: join(work, 'cdktf.out'),
        },
        encoding: 'utf8',
      },
    );
    times.push(now() - start);
    if (result.status !== 0) throw new Error(`synth of ${app} failed:\n${result.stderr}`);
    rss.push(Number(readFileSync(rssFile, 'utf8')) / 1024 / 1024);
  }
  rmSync(work, { recursive: true, force: true });
  return { seconds: median(times), rssMb: median(rss), buildSeconds };
}

function bareTerraform(stackDir: string, env: NodeJS.ProcessEnv): number {
  const copy = join(mkdtempSync(join(tmpdir(), 'bench-bare-')), 'stack');
  // The same files the runner starts from: the JSON, its assets and the dependency lock file.
  const skip = /(^|\/)(\.terraform|plan\.json|plan\.tfplan|terraform\.tfstate)(\/|$)/;
  cpSync(stackDir, copy, {
    recursive: true,
    filter: (src) => !skip.test(src.slice(stackDir.length)),
  });
  const tf = terraformBinary(env);
  const start = now();
  for (const args of [
    ['init', '-input=false', '-no-color'],
    ['plan', '-refresh=false', '-input=false', '-no-color', '-lock=false', '-out=plan.tfplan'],
    ['show', '-json', '-no-color', 'plan.tfplan'],
  ]) {
    const result = spawnSync(tf, args, {
      cwd: copy,
      env,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });
    if (result.status !== 0)
      throw new Error(`bare terraform ${args[0]} failed:\n${result.stdout}${result.stderr}`);
  }
  const seconds = now() - start;
  rmSync(join(copy, '..'), { recursive: true, force: true });
  return seconds;
}

async function measurePlan(
  app: string,
  runs: number,
): Promise<{ stack: string; runner: number; bare: number }> {
  // A folder of the bench's own, so the app's cdktf.out (the user's plans) is left alone.
  const outdir = join(mkdtempSync(join(tmpdir(), 'bench-runner-')), 'cdktf.out');
  await runPlan({ app, mode: 'offline', plan: false, outdir });
  const stack = listStacks(outdir)[0];
  const stackDir = join(outdir, 'stacks', stack);
  const { env } = terraformEnv();
  const runner: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(bareTerraform(stackDir, env));
    rmSync(join(stackDir, '.terraform'), { recursive: true, force: true });
    const start = now();
    await runPlan({ app, stacks: [stack], synth: false, mode: 'offline', concurrency: 1, outdir });
    runner.push(now() - start);
  }
  rmSync(join(outdir, '..'), { recursive: true, force: true });
  return { stack, runner: median(runner), bare: median(bare) };
}

async function main(argv: string[]): Promise<void> {
  let runs = 3;
  let skipPlan = false;
  const apps: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') runs = Number(argv[++i]);
    else if (argv[i] === '--skip-plan') skipPlan = true;
    else apps.push(argv[i]);
  }
  if (apps.length === 0) {
    const dir = join(workspaceRoot, 'apps');
    apps.push(
      ...readdirSync(dir)
        .filter((a) => existsSync(join(dir, a, 'src', 'main.ts')))
        .sort(),
    );
  }
  console.log(
    `Synth as a plain node process (median of ${runs}; budget for apps/basic: 1 s, 150 MB)`,
  );
  console.log('app               bundle build   synth wall   peak RSS');
  for (const app of apps) {
    const s = await measureSynth(app, runs);
    console.log(
      `${app.padEnd(17)} ${s.buildSeconds.toFixed(2).padStart(10)} s ${s.seconds.toFixed(2).padStart(10)} s ${s.rssMb.toFixed(0).padStart(7)} MB`,
    );
  }
  if (skipPlan) return;
  const planApp = apps.includes('basic') ? 'basic' : apps[0];
  const planRuns = Math.max(1, Math.min(runs, 3));
  const p = await measurePlan(planApp, planRuns);
  const overhead = ((p.runner - p.bare) / p.bare) * 100;
  console.log(`\nPlan runner overhead, ${planApp}/${p.stack} (median of ${planRuns}; budget: 20%)`);
  console.log(`bare terraform init+plan+show  ${p.bare.toFixed(2)} s`);
  console.log(`plan runner (same JSON)        ${p.runner.toFixed(2)} s`);
  console.log(`overhead                       ${overhead.toFixed(1)} %`);
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
