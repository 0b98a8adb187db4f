import { relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MIN_REASON_LENGTH } from '../suppression-format';
import { isObject, Json, JsonObject } from '@apigw-private/tools/tfjson';
import { coverageMessages, coverageOf, Coverage } from './coverage';
import { loadStacks, StackInput, UnreadableInput } from './load';
import { parsePlan, Plan } from './plan';
import type { Level, Rule, RuleInfo, Violation } from './rule';
import {
  covers,
  FileSuppression,
  readSuppressionsFile,
  Suppression,
  suppressionsFromCdktf,
} from './suppressions';

export const TOOL_NAME = 'apigw-private-guardrails';
export const TOOL_VERSION = '1.0.0';

/** One rule broken by one resource of one stack. */
export interface Finding {
  readonly rule: string;
  readonly level: Level;
  readonly stack: string;
  readonly address: string;
  readonly message: string;
  readonly fix: string;
}

/** A finding that a suppression with a reason switched off. */
export interface SuppressedFinding extends Finding {
  readonly reason: string;
  readonly origin: string;
}

/** A suppression as the report lists it: how many findings it switched off. */
export interface SuppressionStatus extends Suppression {
  /** Findings this suppression switched off in this stack (0 when it matched nothing). */
  readonly suppressedFindings: number;
  /** False when the reason is missing or too short, or the rule does not exist (not applied). */
  readonly valid: boolean;
}

export interface StackReport {
  readonly stack: string;
  readonly planFile?: string;
  readonly cdktfFile?: string;
  /** Resource instances in the plan (data sources included). */
  readonly resources: number;
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly suppressions: readonly SuppressionStatus[];
  /** AWS resource instances the rules read (the others are counted in the notes). */
  readonly checked: number;
  /** What could not be checked and why (e.g. the backend without a cdk.tf.json). */
  readonly notes: readonly string[];
  /** Why this stack cannot pass at all (nothing was checked); the CLI exits 2. */
  readonly problems: readonly string[];
  readonly durationMs: number;
}

export interface RuleSummary {
  readonly id: string;
  readonly level: Level;
  readonly description: string;
  readonly reason: string;
  readonly anchors: readonly string[];
}

export interface Report {
  readonly tool: { readonly name: string; readonly version: string };
  readonly rules: readonly RuleSummary[];
  readonly stacks: readonly StackReport[];
  /** Files that could not be read or are not plan JSON; the CLI exits 2. */
  readonly unreadable: readonly UnreadableInput[];
  readonly summary: {
    readonly stacks: number;
    readonly resources: number;
    /** Unreadable files plus stacks with problems. */
    readonly problems: number;
    readonly errors: number;
    readonly warnings: number;
    readonly suppressed: number;
    readonly durationMs: number;
  };
}

export interface CheckOptions {
  /** The rules to run (the public entry point passes ALL_RULES). */
  readonly rules: readonly Rule[];
  /**
   * IDs of every rule that exists, when `rules` is a selection: a suppression of one of them is
   * valid even when it does not run. @default - the IDs of `rules`
   */
  readonly knownRuleIds?: readonly string[];
  /** Suppressions files (for plans not written by cdktf); see docs/guardrails.md. */
  readonly suppressionsFiles?: readonly string[];
  /** Suppressions given in code, same shape as a suppressions file entry. */
  readonly suppressions?: readonly FileSuppression[];
  /** Directory that stack names and report paths are relative to. @default process.cwd() */
  readonly root?: string;
}

function summaryOf(rule: RuleInfo): RuleSummary {
  return {
    id: rule.id,
    level: rule.level,
    description: rule.description,
    reason: rule.reason,
    anchors: rule.anchors,
  };
}

async function runSafely<T>(
  rule: Rule,
  run: () => readonly T[] | Promise<readonly T[]>,
  crash: (message: string) => T,
): Promise<readonly T[]> {
  try {
    return await run();
  } catch (error) {
    return [
      crash(
        `Rule ${rule.id} failed on this plan: ${error instanceof Error ? error.message : String(error)}`,
      ),
    ];
  }
}

function reasonIsValid(suppression: Suppression): boolean {
  return suppression.reason.trim().length >= MIN_REASON_LENGTH;
}

interface Checked {
  readonly plan: Plan;
  readonly findings: Finding[];
  readonly coverage: Coverage;
  readonly ms: number;
}

/** Applies the suppressions of one stack to its findings and builds its report. */
function stackReport(
  checked: Checked,
  rules: readonly Rule[],
  ruleIds: ReadonlySet<string>,
): StackReport {
  const { plan } = checked;
  const suppressible = new Map(rules.map((r) => [r.id, r.suppressible !== false]));
  const suppressions = plan.source.suppressions ?? [];
  const counts = new Map<Suppression, number>();
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const seen = new Set<string>();
  for (const finding of checked.findings) {
    const key = `${finding.rule}\u0000${finding.address}\u0000${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const match = suppressible.get(finding.rule)
      ? suppressions.find(
          (s) => s.rule === finding.rule && reasonIsValid(s) && covers(s, finding.address),
        )
      : undefined;
    if (match) {
      counts.set(match, (counts.get(match) ?? 0) + 1);
      suppressed.push({ ...finding, reason: match.reason.trim(), origin: match.origin });
    } else {
      findings.push(finding);
    }
  }
  const order = new Map(rules.map((r, i) => [r.id, i]));
  findings.sort(
    (a, b) =>
      (order.get(a.rule) ?? 0) - (order.get(b.rule) ?? 0) || a.address.localeCompare(b.address),
  );
  const coverage = coverageMessages(checked.coverage);
  const notes = [...coverage.notes];
  if (!plan.source.cdktf && rules.some((r) => r.id.startsWith('BACKEND-'))) {
    notes.push(
      'backend not checked: no cdk.tf.json next to plan.json (plan JSON does not record the backend)',
    );
  }
  if (!plan.hasConfiguration && checked.coverage.aws > 0) {
    notes.push(
      'the plan has no configuration section: references cannot be followed, values unknown until apply are checked as unset',
    );
  }
  return {
    stack: plan.source.stack,
    planFile: plan.source.file,
    cdktfFile: plan.source.cdktfFile,
    resources: plan.resources.length,
    checked: checked.coverage.aws,
    findings,
    suppressed,
    suppressions: suppressions.map((s) => ({
      ...s,
      suppressedFindings: counts.get(s) ?? 0,
      valid: reasonIsValid(s) && ruleIds.has(s.rule),
    })),
    notes,
    problems: coverage.problems,
    durationMs: round(checked.ms),
  };
}

/** Checks already-read plans with the given rules; the core of checkPlans. */
export async function checkStacks(
  inputs: readonly StackInput[],
  options: CheckOptions,
  alreadyUnreadable: readonly UnreadableInput[] = [],
): Promise<Report> {
  const started = performance.now();
  const root = options.root ?? process.cwd();
  const { rules } = options;
  const ruleIds = new Set([...(options.knownRuleIds ?? []), ...rules.map((r) => r.id)]);
  const fileSuppressions = [
    ...(options.suppressionsFiles ?? []).flatMap((f) => readSuppressionsFile(f)),
    ...(options.suppressions ?? []),
  ];
  const display = (file: string | undefined) =>
    file ? relative(root, file).split(sep).join('/') || file : undefined;

  const unreadable = [...alreadyUnreadable];
  // Every stack's rules start at once: rules that ask the policy evaluator wait on its data files,
  // and the other stacks' rules run meanwhile. Findings are sorted afterwards.
  const pending: Promise<Checked>[] = [];
  for (const input of inputs) {
    const t0 = performance.now();
    const cdktf = isObject(input.cdktf as Json) ? (input.cdktf as JsonObject) : undefined;
    const cdktfFile = display(input.cdktfFile) ?? 'cdk.tf.json';
    const suppressions = [
      ...(cdktf ? suppressionsFromCdktf(cdktf, cdktfFile) : []),
      ...fileSuppressions.filter((s) => s.stack === undefined || s.stack === input.stack),
    ];
    let plan: Plan;
    try {
      plan = parsePlan(input.plan, {
        stack: input.stack,
        file: display(input.planFile),
        cdktf,
        cdktfFile: cdktf ? cdktfFile : undefined,
        suppressions,
        ruleIds,
      });
    } catch (error) {
      unreadable.push({ file: input.planFile ?? input.stack, error: (error as Error).message });
      continue;
    }
    const ofRules = rules
      .filter((rule) => rule.scope === 'plan')
      .map((rule) =>
        runSafely<Violation>(
          rule,
          () => (rule.scope === 'plan' ? rule.check(plan) : []),
          (message) => ({
            address: '(rule)',
            message,
            fix: 'Report this guardrails bug with the plan.json that caused it.',
          }),
        ).then((violations) =>
          violations.map((v): Finding => ({
            rule: rule.id,
            level: rule.level,
            stack: plan.source.stack,
            ...v,
          })),
        ),
      );
    pending.push(
      Promise.all(ofRules).then((found) => ({
        plan,
        findings: found.flat(),
        coverage: coverageOf(plan),
        ms: performance.now() - t0,
      })),
    );
  }
  const checked = await Promise.all(pending);
  const plans = checked.map((c) => c.plan);
  for (const rule of rules) {
    if (rule.scope !== 'stacks') continue;
    const violations = await runSafely(
      rule,
      () => rule.check(plans),
      (message) => ({
        stack: plans[0]?.source.stack ?? '',
        address: '(rule)',
        message,
        fix: 'Report this guardrails bug.',
      }),
    );
    for (const { stack, ...v } of violations) {
      const target = checked.find((c) => c.plan.source.stack === stack) ?? checked[0];
      target?.findings.push({
        rule: rule.id,
        level: rule.level,
        stack: target.plan.source.stack,
        ...v,
      });
    }
  }

  const stacks = checked.map((c) => stackReport(c, rules, ruleIds));
  const all = stacks.flatMap((s) => s.findings);
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    rules: rules.map(summaryOf),
    stacks,
    unreadable,
    summary: {
      stacks: stacks.length,
      resources: stacks.reduce((n, s) => n + s.resources, 0),
      problems: unreadable.length + stacks.filter((s) => s.problems.length > 0).length,
      errors: all.filter((f) => f.level === 'error').length,
      warnings: all.filter((f) => f.level === 'warning').length,
      suppressed: stacks.reduce((n, s) => n + s.suppressed.length, 0),
      durationMs: round(performance.now() - started),
    },
  };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/**
 * Checks plan.json files (with the cdk.tf.json beside each, when present) together. A file that
 * cannot be read is reported in `unreadable`, next to the findings of the others.
 */
export function checkPlans(files: readonly string[], options: CheckOptions): Promise<Report> {
  const { inputs, unreadable } = loadStacks(files, options.root ?? process.cwd());
  return checkStacks(inputs, options, unreadable);
}

/** Checks a plan already in memory, e.g. `JSON.parse` of `terraform show -json` output. */
export function checkPlanJson(
  plan: unknown,
  stack: string,
  options: CheckOptions & { readonly cdktf?: unknown },
): Promise<Report> {
  return checkStacks([{ stack, plan, cdktf: options.cdktf }], options);
}

/** Error-level findings of a report (what fails a pipeline). */
export function errorsOf(report: Report): readonly Finding[] {
  return report.stacks.flatMap((s) => s.findings).filter((f) => f.level === 'error');
}

/** Warning-level findings of a report. */
export function warningsOf(report: Report): readonly Finding[] {
  return report.stacks.flatMap((s) => s.findings).filter((f) => f.level === 'warning');
}

/** Every finding of a report, errors and warnings. */
export function findingsOf(report: Report): readonly Finding[] {
  return report.stacks.flatMap((s) => s.findings);
}

/**
 * Why a report cannot pass whatever its findings: unreadable files and stacks where nothing was
 * checked, one line each.
 */
export function problemsOf(report: Report): readonly string[] {
  return [
    ...report.unreadable.map((u) => u.error),
    ...report.stacks.flatMap((s) => s.problems.map((p) => `${s.stack}: ${p}`)),
  ];
}
