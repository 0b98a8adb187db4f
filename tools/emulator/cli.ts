// npm run emulate -- <app>... | --all [--stack <id>]... [--from <dir>] [--jobs <n>]
// Applies each stack against moto, plans it again (must be empty), destroys it, and writes
// reports/emulator.json. Exits non-zero when any stack fails, with Terraform's diagnostics in full.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { workspaceRoot } from '@apigw-private/tools/plan-runner/terraform';
import type { StackReport } from './harness';
import { listApps } from '@apigw-private/tools/plan-runner/runner';
import { emulate } from './run';

export const REPORT_FILE = join(workspaceRoot, 'reports', 'emulator.json');

export interface CliArgs {
  readonly apps: string[];
  readonly stacks: string[];
  readonly from?: string;
  /** Stacks side by side; undefined means the default (DEFAULT_JOBS in run.ts). */
  readonly jobs?: number;
}

/** Most stacks side by side: each holds a moto, terraform and the provider (1-2 GB together). */
export const MAX_JOBS = 8;

export function parseArgs(argv: readonly string[]): CliArgs {
  const apps: string[] = [];
  const stacks: string[] = [];
  let from: string | undefined;
  let jobs: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--all') apps.push(...listApps());
    else if (arg === '--stack' || arg === '--from' || arg === '--jobs') {
      const value = argv[++i];
      if (!value || value.startsWith('-')) throw new Error(`${arg} needs a value`);
      if (arg === '--stack') stacks.push(value);
      else if (arg === '--from') from = value;
      else {
        jobs = Number(value);
        if (!/^\d+$/.test(value) || jobs < 1 || jobs > MAX_JOBS)
          throw new Error(
            `--jobs is ${JSON.stringify(value)}; it takes a whole number from 1 to ${MAX_JOBS}`,
          );
      }
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else apps.push(arg);
  }
  if (apps.length === 0) throw new Error('name an app or pass --all');
  if (from && apps.length !== 1)
    throw new Error('--from runs one folder: name exactly one app to label it');
  return { apps: [...new Set(apps)], stacks, from, ...(jobs !== undefined ? { jobs } : {}) };
}

const mark = (ok: boolean) => (ok ? 'ok' : 'FAIL');

/** The table: one row per stack. */
export function table(reports: readonly StackReport[]): string {
  const rows = [
    ['stack', 'resources', 'apply', 'second plan', 'destroy', 'seconds'],
    ...reports.map((r) => [
      `${r.app}/${r.stack}`,
      String(r.resources),
      mark(r.applied),
      !r.applied
        ? '-'
        : r.secondPlan.changes.length > 0
          ? `${r.secondPlan.changes.length} change(s)`
          : r.secondPlan.deviations.length > 0
            ? `empty (${r.secondPlan.deviations.length} deviation(s))`
            : 'empty',
      r.destroyed && r.keptSettings.length > 0
        ? `ok (${r.keptSettings.length} setting(s) kept)`
        : mark(r.destroyed),
      r.seconds.toFixed(1),
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function passed(report: StackReport): boolean {
  return (
    report.applied && report.destroyed && report.secondPlan.changes.length === 0 && !report.error
  );
}

export function writeReport(reports: readonly StackReport[], file = REPORT_FILE): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ stacks: reports }, null, 2)}\n`);
}

async function main(argv: string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    process.stderr.write(
      `${(error as Error).message}\nusage: emulate <app>... | --all [--stack <id>]... [--from <dir>] [--jobs <n>]\n`,
    );
    return 2;
  }
  const started = process.hrtime.bigint();
  const reports = await emulate({
    apps: args.apps,
    stacks: args.stacks,
    from: args.from,
    jobs: args.jobs,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  writeReport(reports);
  process.stdout.write(`\n${table(reports)}\n`);
  for (const r of reports.filter((x) => !passed(x)))
    process.stderr.write(`\n${r.app}/${r.stack}:\n${r.error}\n`);
  for (const r of reports) {
    for (const d of r.secondPlan.deviations)
      process.stdout.write(
        `deviation ${r.app}/${r.stack} ${d.address}.${d.attribute}: ${d.reason}\n`,
      );
    for (const k of r.keptSettings)
      process.stdout.write(`kept setting ${r.app}/${r.stack} ${k.setting}: ${k.reason}\n`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const failed = reports.filter((r) => !passed(r)).length;
  process.stdout.write(
    `\n${reports.length - failed}/${reports.length} stacks passed in ${seconds.toFixed(0)}s; report: ${REPORT_FILE.slice(workspaceRoot.length + 1)}\n`,
  );
  return failed > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
