// npm run plan / npm run synth, one app or all:
//   tsx tools/plan-runner/cli.ts <app>... | --all  [--stack <name>]... [--synth-only | --no-synth]
//                                [--offline | --deploy] [--concurrency <n>]
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Mode } from '@apigw-private/constructs/providers/mode';
import { PlanOptions, runPlan } from './runner';
import { workspaceRoot } from './terraform';

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: plan-runner <app>... | --all [--stack <name>]... [--synth-only | --no-synth] [--offline | --deploy] [--concurrency <n>]\n`,
  );
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const apps: string[] = [];
  const stacks: string[] = [];
  let synth = true;
  let plan = true;
  let mode: Mode | undefined;
  let concurrency: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--all') {
      const dir = join(workspaceRoot, 'apps');
      apps.push(
        ...readdirSync(dir)
          .filter((a) => existsSync(join(dir, a, 'src', 'main.ts')))
          .sort(),
      );
    } else if (arg === '--stack') stacks.push(argv[++i] ?? usage('--stack needs a name'));
    else if (arg === '--synth-only') plan = false;
    else if (arg === '--no-synth') synth = false;
    else if (arg === '--offline') mode = 'offline';
    else if (arg === '--deploy') mode = 'deploy';
    else if (arg === '--concurrency') {
      concurrency = Number(argv[++i]);
      if (!Number.isInteger(concurrency) || concurrency < 1)
        usage('--concurrency needs a whole number of 1 or more');
    } else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
    else apps.push(arg);
  }
  if (apps.length === 0) usage('name an app or pass --all');
  for (const app of apps) {
    const options: PlanOptions = {
      app,
      stacks,
      synth,
      plan,
      mode,
      concurrency,
      log: (line) => process.stdout.write(`${line}\n`),
    };
    await runPlan(options);
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
