import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ALL_RULES } from '../rules';
import { MIN_REASON_LENGTH } from '../suppression-format';
import { getPath, isObject, Json, JsonObject } from '@apigw-private/tools/tfjson';
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
  /** What could not be checked and why (e.g. the backend without a cdk.tf.json). */
  readonly notes: readonly string[];
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
  readonly summary: {
    readonly stacks: number;
    readonly resources: number;
    readonly errors: number;
    readonly warnings: number;
    readonly suppressed: number;
    readonly durationMs: number;
  };
}

export interface CheckOptions {
  /** The rules to run. @default every rule (ALL_RULES) */
  readonly rules?: readonly Rule[];
  /** Suppressions files (for plans not written by cdktf); see docs/guardrails.md. */
  readonly suppressionsFiles?: readonly string[];
  /** Suppressions given in code, same shape as a suppressions file entry. */
  readonly suppressions?: readonly FileSuppression[];
  /** Directory that stack names and report paths are relative to. @default process.cwd() */
  readonly root?: string;
}

/** A plan to check, already read. */
export interface StackInput {
  readonly stack: string;
  /** Parsed `terraform show -json` output. */
  readonly plan: unknown;
  readonly planFile?: string;
  /** Parsed cdk.tf.json of the stack, for the backend rules and suppressions. */
  readonly cdktf?: unknown;
  readonly cdktfFile?: string;
}

const CDKTF_STACK = /(?:^|\/)apps\/([^/]+)\/cdktf\.out\/stacks\/([^/]+)\/plan\.json$/;
const ANY_CDKTF_STACK = /(?:^|\/)cdktf\.out\/stacks\/([^/]+)\/plan\.json$/;

/**
 * How reports name a stack: `<app>/<stack>` for apps/<app>/cdktf.out/stacks/<stack>/plan.json,
 * `<stack>` for any other cdktf.out/stacks/<stack>/plan.json, the stack name that cdktf recorded in
 * the cdk.tf.json beside the plan, else the plan's path relative to `root`.
 */
export function stackNameOf(file: string, root: string = process.cwd(), cdktf?: unknown): string {
  const path = relative(root, resolve(file)).split(sep).join('/');
  const app = CDKTF_STACK.exec(path);
  if (app) return `${app[1]}/${app[2]}`;
  const stack = ANY_CDKTF_STACK.exec(path);
  if (stack) return stack[1];
  const recorded = getPath(cdktf as Json, '//.metadata.stackName');
  if (typeof recorded === 'string' && recorded !== '') return recorded;
  return path;
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT'
        ? `MissingPlan: ${file} does not exist; run \`npm run plan\` (or terraform plan + terraform show -json) first`
        : `UnreadablePlan: cannot read ${what} ${file}: ${(error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`InvalidPlan: ${what} ${file} is not JSON: ${(error as Error).message}`);
  }
}

/** Reads a plan.json and the cdk.tf.json beside it, when there is one. */
export function loadStack(file: string, root: string = process.cwd()): StackInput {
  const planFile = resolve(file);
  const plan = readJson(planFile, 'plan');
  const cdktfFile = join(dirname(planFile), 'cdk.tf.json');
  const cdktf = existsSync(cdktfFile) ? readJson(cdktfFile, 'cdktf configuration') : undefined;
  return {
    stack: stackNameOf(planFile, root, cdktf),
    plan,
    planFile,
    cdktf,
    cdktfFile: cdktf === undefined ? undefined : cdktfFile,
  };
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

function runSafely<T>(
  rule: Rule,
  run: () => readonly T[],
  crash: (message: string) => T,
): readonly T[] {
  try {
    return run();
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

/** Checks already-read plans; the core of checkPlans. */
export function checkStacks(inputs: readonly StackInput[], options: CheckOptions = {}): Report {
  const started = performance.now();
  const root = options.root ?? process.cwd();
  const rules = options.rules ?? ALL_RULES;
  const ruleIds = new Set(ALL_RULES.map((r) => r.id).concat(rules.map((r) => r.id)));
  const fileSuppressions = [
    ...(options.suppressionsFiles ?? []).flatMap((f) => readSuppressionsFile(f)),
    ...(options.suppressions ?? []),
  ];
  const display = (file: string | undefined) =>
    file ? relative(root, file).split(sep).join('/') || file : undefined;

  const plans: Plan[] = [];
  const timings = new Map<Plan, number>();
  const raw = new Map<Plan, Finding[]>();
  for (const input of inputs) {
    const t0 = performance.now();
    const cdktf = isObject(input.cdktf as Json) ? (input.cdktf as JsonObject) : undefined;
    const cdktfFile = display(input.cdktfFile) ?? 'cdk.tf.json';
    const suppressions = [
      ...(cdktf ? suppressionsFromCdktf(cdktf, cdktfFile) : []),
      ...fileSuppressions.filter((s) => s.stack === undefined || s.stack === input.stack),
    ];
    const plan = parsePlan(input.plan, {
      stack: input.stack,
      file: display(input.planFile),
      cdktf,
      cdktfFile: cdktf ? cdktfFile : undefined,
      suppressions,
      ruleIds,
    });
    const findings: Finding[] = [];
    for (const rule of rules) {
      if (rule.scope !== 'plan') continue;
      const violations = runSafely<Violation>(
        rule,
        () => rule.check(plan),
        (message) => ({
          address: '(rule)',
          message,
          fix: 'Report this guardrails bug with the plan.json that caused it.',
        }),
      );
      for (const v of violations)
        findings.push({ rule: rule.id, level: rule.level, stack: plan.source.stack, ...v });
    }
    plans.push(plan);
    raw.set(plan, findings);
    timings.set(plan, performance.now() - t0);
  }
  for (const rule of rules) {
    if (rule.scope !== 'stacks') continue;
    const violations = runSafely(
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
      const plan = plans.find((p) => p.source.stack === stack) ?? plans[0];
      if (plan)
        raw.get(plan)?.push({ rule: rule.id, level: rule.level, stack: plan.source.stack, ...v });
    }
  }

  const suppressible = new Map(rules.map((r) => [r.id, r.suppressible !== false]));
  const stacks: StackReport[] = plans.map((plan) => {
    const suppressions = plan.source.suppressions ?? [];
    const counts = new Map<Suppression, number>();
    const findings: Finding[] = [];
    const suppressed: SuppressedFinding[] = [];
    const seen = new Set<string>();
    for (const finding of raw.get(plan) ?? []) {
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
    const notes: string[] = [];
    if (!plan.source.cdktf && rules.some((r) => r.id.startsWith('BACKEND-'))) {
      notes.push(
        'backend not checked: no cdk.tf.json next to plan.json (plan JSON does not record the backend)',
      );
    }
    if (!plan.hasConfiguration) {
      notes.push(
        'the plan has no configuration section: references cannot be followed, values unknown until apply are checked as unset',
      );
    }
    return {
      stack: plan.source.stack,
      planFile: plan.source.file,
      cdktfFile: plan.source.cdktfFile,
      resources: plan.resources.length,
      findings,
      suppressed,
      suppressions: suppressions.map((s) => ({
        ...s,
        suppressedFindings: counts.get(s) ?? 0,
        valid: reasonIsValid(s) && ruleIds.has(s.rule),
      })),
      notes,
      durationMs: round(timings.get(plan) ?? 0),
    };
  });

  const all = stacks.flatMap((s) => s.findings);
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    rules: rules.map(summaryOf),
    stacks,
    summary: {
      stacks: stacks.length,
      resources: stacks.reduce((n, s) => n + s.resources, 0),
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

/** Checks plan.json files (with the cdk.tf.json beside each, when present) together. */
export function checkPlans(files: readonly string[], options: CheckOptions = {}): Report {
  const root = options.root ?? process.cwd();
  return checkStacks(
    files.map((f) => loadStack(f, root)),
    options,
  );
}

/** Checks one plan.json (and the cdk.tf.json beside it, when present). */
export function checkPlanFile(file: string, options: CheckOptions = {}): Report {
  return checkPlans([file], options);
}

/** Checks a plan already in memory, e.g. `JSON.parse` of `terraform show -json` output. */
export function checkPlanJson(
  plan: unknown,
  stack: string = 'plan',
  options: CheckOptions & { readonly cdktf?: unknown } = {},
): Report {
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
