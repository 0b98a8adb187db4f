import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkPlans, problemsOf } from './engine/check';
import { formatReport, writeReports } from './engine/report';
import type { Rule } from './engine/rule';
import { ALL_RULES } from './rules';

export const USAGE = `Usage: npm run guardrails -- [options] [plan.json ...]

Checks Terraform plan JSON (terraform show -json output) against the guardrail rules; reads the
cdk.tf.json beside each plan.json for suppressions and the backend. Without files, checks every
apps/*/cdktf.out/stacks/*/plan.json under the root.

Options:
  --json <file>          JSON report (default: reports/guardrails.json)
  --sarif <file>         SARIF 2.1.0 report (default: reports/guardrails.sarif)
  --no-reports           write neither report file
  --suppressions <file>  suppressions file for plans not written by cdktf (repeatable)
  --rule <id>            run only this rule (repeatable)
  --root <dir>           workspace root for discovery and report paths (default: current directory)
  --list-rules           print the rules and exit
  -h, --help             print this help

Exit status: the worst of all plans given: 0 when no error-level finding (warnings do not fail),
1 on error findings, 2 when a file cannot be read or is not plan JSON, when a plan has no AWS
resources (nothing was checked), or when the options are bad. Findings of the readable plans are
reported in every case.`;

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Every apps/<app>/cdktf.out/stacks/<stack>/plan.json under `root`, sorted. */
export function discoverPlans(root: string): readonly string[] {
  const apps = join(root, 'apps');
  if (!existsSync(apps)) return [];
  const found: string[] = [];
  for (const app of readdirSync(apps, { withFileTypes: true })) {
    if (!app.isDirectory()) continue;
    const stacks = join(apps, app.name, 'cdktf.out', 'stacks');
    if (!existsSync(stacks)) continue;
    for (const stack of readdirSync(stacks, { withFileTypes: true })) {
      const plan = join(stacks, stack.name, 'plan.json');
      if (stack.isDirectory() && existsSync(plan)) found.push(plan);
    }
  }
  return found.sort();
}

function listRules(rules: readonly Rule[]): string {
  return rules.map((r) => `${r.id.padEnd(18)} ${r.level.padEnd(7)} ${r.description}`).join('\n');
}

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const consoleIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Runs the CLI with `argv` (without node and script); resolves to the exit status. */
export async function run(argv: readonly string[], io: Io = consoleIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'string' },
        sarif: { type: 'string' },
        'no-reports': { type: 'boolean' },
        suppressions: { type: 'string', multiple: true },
        rule: { type: 'string', multiple: true },
        root: { type: 'string' },
        'list-rules': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`guardrails: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  const root = resolve(values.root ?? process.cwd());
  let rules: readonly Rule[] = ALL_RULES;
  if (values.rule) {
    const unknown = values.rule.filter((id) => !ALL_RULES.some((r) => r.id === id));
    if (unknown.length > 0) {
      io.err(`guardrails: unknown rule ${unknown.join(', ')}; run with --list-rules to see them`);
      return EXIT_USAGE;
    }
    rules = ALL_RULES.filter((r) => values.rule?.includes(r.id));
  }
  if (values['list-rules']) {
    io.out(listRules(rules));
    return EXIT_OK;
  }
  const files = positionals.length > 0 ? positionals.map((p) => resolve(p)) : discoverPlans(root);
  if (files.length === 0) {
    io.err(
      `guardrails: no plan.json found under ${relative(process.cwd(), join(root, 'apps')) || 'apps'}/*/cdktf.out/stacks/*/; run \`npm run plan\` first, or pass plan.json files.`,
    );
    return EXIT_USAGE;
  }
  let report;
  try {
    report = await checkPlans(files, {
      root,
      rules,
      knownRuleIds: ALL_RULES.map((r) => r.id),
      suppressionsFiles: values.suppressions,
    });
  } catch (error) {
    io.err(`guardrails: ${(error as Error).message}`);
    return EXIT_USAGE;
  }
  io.out(formatReport(report));
  if (!values['no-reports']) {
    const json = values.json ?? join(root, 'reports', 'guardrails.json');
    const sarif = values.sarif ?? join(root, 'reports', 'guardrails.sarif');
    writeReports(report, { json, sarif }, root);
    io.out(
      `Reports: ${relative(process.cwd(), resolve(json))}, ${relative(process.cwd(), resolve(sarif))}`,
    );
  }
  const problems = problemsOf(report);
  for (const problem of problems) io.err(`guardrails: ${problem}`);
  if (problems.length > 0) return EXIT_USAGE;
  return report.summary.errors > 0 ? EXIT_FINDINGS : EXIT_OK;
}

if (require.main === module) {
  void run(process.argv.slice(2)).then((status) => (process.exitCode = status));
}
