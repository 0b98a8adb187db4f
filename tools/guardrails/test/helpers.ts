import { join } from 'node:path';
import { checkPlans, Report } from '..';
import { loadStack } from '../engine/load';
import { parsePlan, Plan } from '../engine/plan';

export const FIXTURES = join(__dirname, 'fixtures');
/** Real plan of fixtures/terraform/secure: passes every rule. */
export const SECURE = join(FIXTURES, 'secure.plan.json');
/** Real plan of fixtures/terraform/insecure: breaks every plan rule at least once. */
export const INSECURE = join(FIXTURES, 'insecure.plan.json');
/** Real plan of fixtures/terraform/planted: the violations of issue 14 (one error each). */
export const PLANTED = join(FIXTURES, 'planted.plan.json');
/** Real plan of fixtures/terraform/no-aws: no AWS resource at all. */
export const NO_AWS = join(FIXTURES, 'no-aws.plan.json');
/** Real cdktf stack (cdk.tf.json + plan.json) with suppressions written by suppress(). */
export const SUPPRESSED = join(FIXTURES, 'cdktf', 'suppressed', 'plan.json');

export function backendFixture(name: string): string {
  return join(FIXTURES, 'backend', name, 'plan.json');
}

const plans = new Map<string, Plan>();

/** A fixture plan, indexed (cached across tests of a file). */
export function planOf(file: string): Plan {
  let plan = plans.get(file);
  if (!plan) {
    const input = loadStack(file);
    plan = parsePlan(input.plan, { stack: input.stack, file });
    plans.set(file, plan);
  }
  return plan;
}

const reports = new Map<string, Promise<Report>>();

/** The report of checking `files` together with every rule (cached). */
export function reportOf(...files: readonly string[]): Promise<Report> {
  const key = files.join('\n');
  let report = reports.get(key);
  if (!report) {
    report = checkPlans(files);
    reports.set(key, report);
  }
  return report;
}

/** Sorted addresses of the unsuppressed findings of one rule. */
export function addressesOf(report: Report, rule: string): readonly string[] {
  return report.stacks
    .flatMap((s) => s.findings)
    .filter((f) => f.rule === rule)
    .map((f) => f.address)
    .sort();
}

/** Messages of the findings of one rule at one address. */
export function messagesOf(report: Report, rule: string, address: string): readonly string[] {
  return report.stacks
    .flatMap((s) => s.findings)
    .filter((f) => f.rule === rule && f.address === address)
    .map((f) => f.message);
}
