import type { Plan } from './plan';

/** `error` fails the pipeline; `warning` is reported and does not. */
export type Level = 'error' | 'warning';

/** What a rule's check returns: one resource that breaks the rule. */
export interface Violation {
  /** Terraform address of the resource (`module.net.aws_lb.internal[0]`). */
  readonly address: string;
  /** What is wrong: names the resource, the value found, and what is allowed. */
  readonly message: string;
  /** How to fix it, in Terraform attribute terms. */
  readonly fix: string;
}

/** A violation of a rule that looks across stacks, with the stack it belongs to. */
export interface StackViolation extends Violation {
  /** The `stack` name of the plan the violation belongs to. */
  readonly stack: string;
}

/** The description every rule carries, as cdk-nag rules do. */
export interface RuleInfo {
  /** Stable ID used in reports and suppressions, e.g. `APIGW-PRIVATE-001`. */
  readonly id: string;
  /** One line: what the rule requires. */
  readonly description: string;
  /** Why it matters. */
  readonly reason: string;
  readonly level: Level;
  /** The checks of other tools this rule mirrors, e.g. `checkov CKV_AWS_59`, `cdk-nag AwsSolutions-APIG4`. */
  readonly anchors: readonly string[];
  /** Resource types the rule reads, for the documentation. */
  readonly resourceTypes: readonly string[];
  /** False for rules about suppressions themselves, which cannot be suppressed. */
  readonly suppressible?: boolean;
}

/** A rule checked on one stack's plan at a time. */
export interface PlanRule extends RuleInfo {
  readonly scope: 'plan';
  check(plan: Plan): readonly Violation[] | Promise<readonly Violation[]>;
}

/** A rule checked across all stacks of one run (e.g. unique backend keys). */
export interface StacksRule extends RuleInfo {
  readonly scope: 'stacks';
  check(plans: readonly Plan[]): readonly StackViolation[];
}

export type Rule = PlanRule | StacksRule;
