import type { Plan } from './plan';

/** Which resources of a plan the rules can judge: those of the AWS provider (`aws_*` types). */
export interface Coverage {
  /** AWS resource instances and data sources: what the rules read. */
  readonly aws: number;
  /** Instances of other providers, which no rule reads. */
  readonly other: number;
  /** Their types, sorted, for the note. */
  readonly otherTypes: readonly string[];
}

const AWS_TYPE = /^aws_/;

export function coverageOf(plan: Plan): Coverage {
  const other = plan.resources.filter((r) => !AWS_TYPE.test(r.type));
  return {
    aws: plan.resources.length - other.length,
    other: other.length,
    otherTypes: [...new Set(other.map((r) => r.type))].sort(),
  };
}

/** Notes and problems a stack report carries about what was not checked. */
export function coverageMessages(coverage: Coverage): {
  readonly notes: readonly string[];
  readonly problems: readonly string[];
} {
  const notes: string[] = [];
  const problems: string[] = [];
  if (coverage.other > 0) {
    notes.push(
      `${coverage.other} resource${coverage.other === 1 ? '' : 's'} of other providers not checked (${coverage.otherTypes.join(', ')}): the rules read AWS resources only`,
    );
  }
  if (coverage.aws === 0) {
    problems.push(
      'nothing was checked: the plan has no AWS resources (an empty plan, a plan of other providers, or not the output of `terraform show -json <planfile>`)',
    );
  }
  return { notes, problems };
}
