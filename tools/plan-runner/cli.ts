// npm run plan / npm run synth, one app or all:
//   tsx tools/plan-runner/cli.ts <app>... | --all  [--stack <name>]... [--synth-only | --no-synth]
//     [--offline | --deploy] [--concurrency <n>] [--outdir <dir>] [--no-wait] [--verbose]
// Every failure is one message and a non-zero exit; APIGW_DEBUG=1 adds the stack trace.
import type { Mode } from '@apigw-private/constructs/providers/mode';
import { PlanOptions, listApps, runPlan } from './runner';

const USAGE =
  'usage: plan-runner <app>... | --all [--stack <name>]... [--synth-only | --no-synth] [--offline | --deploy] [--concurrency <n>] [--outdir <dir>] [--no-wait] [--verbose]';

class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n${USAGE}`);
    this.name = 'UsageError';
  }
}

function parse(argv: readonly string[]): Omit<PlanOptions, 'app'> & { apps: string[] } {
  const apps: string[] = [];
  const stacks: string[] = [];
  let synth = true;
  let plan = true;
  let mode: Mode | undefined;
  let concurrency: number | undefined;
  let outdir: string | undefined;
  let wait = true;
  let verbose = false;
  const value = (i: number, what: string): string => {
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('-'))
      throw new UsageError(`${argv[i]} needs ${what}`);
    return next;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--all') apps.push(...listApps());
    else if (arg === '--stack') stacks.push(value(i++, 'a stack name'));
    else if (arg === '--synth-only') plan = false;
    else if (arg === '--no-synth') synth = false;
    else if (arg === '--offline') mode = 'offline';
    else if (arg === '--deploy') mode = 'deploy';
    else if (arg === '--outdir') outdir = value(i++, 'a folder');
    else if (arg === '--no-wait') wait = false;
    else if (arg === '--verbose') verbose = true;
    else if (arg === '--concurrency') {
      concurrency = Number(value(i++, 'a number'));
      if (!Number.isInteger(concurrency) || concurrency < 1)
        throw new UsageError('--concurrency needs a whole number of 1 or more');
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else apps.push(arg);
  }
  if (apps.length === 0) throw new UsageError('name an app or pass --all');
  if (outdir && apps.length > 1) throw new UsageError('--outdir takes one app');
  if (!synth && !plan) throw new UsageError('--synth-only and --no-synth leave nothing to do');
  const known = listApps();
  const unknown = apps.filter((app) => !known.includes(app));
  if (unknown.length > 0)
    throw new UsageError(`no app ${unknown.join(', ')}; the apps are ${known.join(', ')}`);
  return { apps, stacks, synth, plan, mode, concurrency, outdir, wait, verbose };
}

async function main(argv: readonly string[]): Promise<void> {
  const { apps, ...options } = parse(argv);
  for (const app of apps) {
    await runPlan({ ...options, app, log: (line) => process.stdout.write(`${line}\n`) });
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  const debug = process.env.APIGW_DEBUG === '1';
  process.stderr.write(`${debug && error.stack ? error.stack : error.message}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
