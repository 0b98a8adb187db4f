import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAddress } from '@apigw-private/tools/tfjson';
import { problemsOf } from './check';
import type { Finding, Report, StackReport } from './check';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

function stackCounts(stack: StackReport): string {
  const errors = stack.findings.filter((f) => f.level === 'error').length;
  const warnings = stack.findings.length - errors;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${stack.suppressed.length} suppressed`;
}

/** The report as people read it in a terminal or a pipeline log. */
export function formatReport(report: Report): string {
  const { summary } = report;
  const lines: string[] = [
    `Guardrails: ${plural(summary.stacks, 'stack')}, ${plural(summary.resources, 'resource')}, ${plural(report.rules.length, 'rule')} in ${summary.durationMs} ms${report.unreadable.length > 0 ? `; ${plural(report.unreadable.length, 'file')} not read` : ''}`,
  ];
  for (const stack of report.stacks) {
    lines.push('');
    const where = stack.planFile && stack.planFile !== stack.stack ? `${stack.planFile}, ` : '';
    lines.push(`${stack.stack}  (${where}${plural(stack.resources, 'resource')})`);
    for (const f of stack.findings) {
      lines.push(`  ${f.level === 'error' ? 'ERROR  ' : 'WARNING'} ${f.rule}  ${f.address}`);
      lines.push(indent(f.message, '          '));
      lines.push(indent(`Fix: ${f.fix}`, '          '));
    }
    if (stack.suppressions.length > 0) {
      lines.push(`  Suppressions (${stack.suppressions.length}):`);
      for (const s of stack.suppressions) {
        const status = !s.valid
          ? 'NOT APPLIED'
          : s.suppressedFindings === 0
            ? 'matched nothing'
            : `suppressed ${plural(s.suppressedFindings, 'finding')}`;
        lines.push(`    ${s.rule}  ${s.address}  [${status}]`);
        lines.push(`      reason: ${s.reason.trim() === '' ? '(none)' : JSON.stringify(s.reason)}`);
        lines.push(`      from: ${s.origin}`);
      }
    }
    for (const note of stack.notes) lines.push(`  Note: ${note}`);
    for (const problem of stack.problems) lines.push(`  NOT CHECKED: ${problem}`);
    lines.push(`  => ${stackCounts(stack)}`);
  }
  for (const file of report.unreadable) {
    lines.push('');
    lines.push(`${file.file}  (not read)`);
    lines.push(`  NOT CHECKED: ${file.error}`);
  }
  lines.push('');
  if (summary.problems > 0) {
    lines.push(
      `NOT PASSED: ${plural(summary.problems, 'input')} could not be checked (see NOT CHECKED above); ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${summary.suppressed} suppressed in what was checked.`,
    );
    return lines.join('\n');
  }
  lines.push(
    summary.errors > 0
      ? `FAILED: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${summary.suppressed} suppressed (errors fail the run; warnings do not).`
      : `PASSED: no errors, ${plural(summary.warnings, 'warning')}, ${summary.suppressed} suppressed.`,
  );
  return lines.join('\n');
}

// --- SARIF 2.1.0 ------------------------------------------------------------------------------

export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly SarifRun[];
}

export interface SarifRun {
  readonly tool: {
    readonly driver: {
      readonly name: string;
      readonly version: string;
      readonly rules: readonly SarifRule[];
    };
  };
  readonly originalUriBaseIds: Readonly<Record<string, { readonly uri: string }>>;
  readonly results: readonly SarifResult[];
  readonly invocations: readonly {
    readonly executionSuccessful: boolean;
    readonly toolExecutionNotifications?: readonly {
      readonly level: 'error';
      readonly message: { readonly text: string };
    }[];
  }[];
}

export interface SarifRule {
  readonly id: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly help: { readonly text: string; readonly markdown: string };
  readonly defaultConfiguration: { readonly level: 'error' | 'warning' };
  readonly properties: { readonly tags: readonly string[]; readonly 'security-severity': string };
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: 'error' | 'warning';
  readonly message: { readonly text: string };
  readonly locations: readonly {
    readonly physicalLocation: {
      readonly artifactLocation: { readonly uri: string; readonly uriBaseId: string };
      readonly region: { readonly startLine: number };
    };
    readonly logicalLocations: readonly {
      readonly name: string;
      readonly fullyQualifiedName: string;
      readonly kind: string;
    }[];
  }[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly suppressions?: readonly {
    readonly kind: 'inSource' | 'external';
    readonly justification: string;
  }[];
  readonly properties: { readonly stack: string; readonly fix: string };
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Finds the line of a resource in its file, for code scanning annotations (1 when not found). */
class LineFinder {
  private readonly texts = new Map<string, string | undefined>();

  constructor(private readonly root: string) {}

  line(file: string | undefined, needles: readonly string[]): number {
    if (!file) return 1;
    if (!this.texts.has(file)) {
      try {
        this.texts.set(file, readFileSync(resolve(this.root, file), 'utf8'));
      } catch {
        this.texts.set(file, undefined);
      }
    }
    const text = this.texts.get(file);
    if (text === undefined) return 1;
    let at = 0;
    for (const needle of needles) {
      const found = text.indexOf(needle, at);
      if (found < 0) return at === 0 ? 1 : lineAt(text, at);
      at = found;
    }
    return lineAt(text, at);
  }
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function fingerprint(finding: Finding): string {
  return createHash('sha256')
    .update(`${finding.rule}\u0000${finding.stack}\u0000${finding.address}`)
    .digest('hex');
}

/** Where a finding points: the resource in cdk.tf.json when the stack has one, else the plan. */
function locate(
  stack: StackReport,
  finding: Finding,
  lines: LineFinder,
): { uri: string; startLine: number } {
  const parsed = parseAddress(finding.address);
  if (stack.cdktfFile && finding.address.startsWith('terraform.backend')) {
    return {
      uri: stack.cdktfFile,
      startLine: lines.line(stack.cdktfFile, ['"terraform"', '"backend"']),
    };
  }
  if (stack.cdktfFile && parsed && parsed.moduleKey === '') {
    const block = parsed.mode === 'data' ? '"data"' : '"resource"';
    return {
      uri: stack.cdktfFile,
      startLine: lines.line(stack.cdktfFile, [block, `"${parsed.type}"`, `"${parsed.name}"`]),
    };
  }
  const uri = stack.planFile ?? stack.stack;
  // terraform show -json writes compact JSON (one line); a formatted plan has a space after ':'.
  const compact = lines.line(stack.planFile, [`"address":"${finding.address}"`]);
  const startLine =
    compact > 1 ? compact : lines.line(stack.planFile, [`"address": "${finding.address}"`]);
  return { uri, startLine };
}

/** SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps): one run, suppressed findings marked. */
export function toSarif(report: Report, root: string = process.cwd()): SarifLog {
  const lines = new LineFinder(root);
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const rules: SarifRule[] = report.rules.map((r) => ({
    id: r.id,
    shortDescription: { text: r.description },
    fullDescription: { text: r.reason },
    help: {
      text: `${r.description}\nWhy: ${r.reason}\nMirrors: ${r.anchors.join(', ') || '-'}`,
      markdown: `**${r.description}**\n\n${r.reason}\n\nMirrors: ${r.anchors.join(', ') || '-'}\n\nSee docs/guardrails.md in the repository.`,
    },
    defaultConfiguration: { level: r.level },
    properties: {
      tags: ['security', 'terraform', ...r.anchors],
      'security-severity': r.level === 'error' ? '7.0' : '4.0',
    },
  }));
  const result = (
    stack: StackReport,
    f: Finding,
    suppression?: { kind: 'inSource' | 'external'; justification: string },
  ): SarifResult => {
    const { uri, startLine } = locate(stack, f, lines);
    return {
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule) ?? -1,
      level: f.level,
      message: { text: `${f.message} Fix: ${f.fix}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
            region: { startLine },
          },
          logicalLocations: [
            {
              name: f.address,
              fullyQualifiedName: `${stack.stack}/${f.address}`,
              kind: 'resource',
            },
          ],
        },
      ],
      partialFingerprints: { 'guardrailsFinding/v1': fingerprint(f) },
      ...(suppression ? { suppressions: [suppression] } : {}),
      properties: { stack: f.stack, fix: f.fix },
    };
  };
  const results: SarifResult[] = report.stacks.flatMap((stack) => [
    ...stack.findings.map((f) => result(stack, f)),
    ...stack.suppressed.map((f) =>
      result(stack, f, {
        kind: f.origin.includes('cdk.tf.json') ? 'inSource' : 'external',
        justification: f.reason,
      }),
    ),
  ]);
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: report.tool.name, version: report.tool.version, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(`${resolve(root)}/`).href } },
        results,
        invocations: [
          {
            executionSuccessful: report.summary.problems === 0,
            ...(report.summary.problems > 0
              ? {
                  toolExecutionNotifications: problemsOf(report).map((text) => ({
                    level: 'error' as const,
                    message: { text },
                  })),
                }
              : {}),
          },
        ],
      },
    ],
  };
}

/** Writes the JSON report and/or the SARIF file, creating directories as needed. */
export function writeReports(
  report: Report,
  files: { readonly json?: string; readonly sarif?: string },
  root: string = process.cwd(),
): void {
  const write = (file: string, value: unknown) => {
    mkdirSync(dirname(resolve(file)), { recursive: true });
    writeFileSync(resolve(file), `${JSON.stringify(value, null, 2)}\n`);
  };
  if (files.json) write(files.json, report);
  if (files.sarif) write(files.sarif, toSarif(report, root));
}
