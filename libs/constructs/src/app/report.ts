import type { App } from 'cdktf';
import { ConfigTrace, withConfigTrace } from '../config/trace';
import { Problem, ValidationError, collectingProblems, showValue } from '../errors';

interface Found {
  /** The construct (or check) that found it: `RegionalCustomDomain failover-nlb/east/api/domain`. */
  readonly subject: string;
  readonly problem: Problem;
}

/** `NoMethods: PrivateRestApi x/api has no methods ...` from a construct validation. */
function fromValidation(path: string, message: string): Found {
  const match = /^([A-Z][A-Za-z]+): (.*)$/s.exec(message);
  return {
    subject: path,
    problem: {
      code: match?.[1] ?? 'InvalidConstruct',
      path,
      value: undefined,
      allowed: match?.[2] ?? message,
    },
  };
}

interface Reported {
  readonly problem: Problem;
  /** True when the construct's value was derived from the config value (not the value itself). */
  readonly derived: boolean;
}

/**
 * A construct's problem under the config field that fed it, with where the construct found it
 * as the detail; a problem no config field explains keeps the construct's own path.
 */
function toConfigProblem({ subject, problem }: Found, trace: ConfigTrace): Reported {
  const source = trace.sourceOf(problem.value, subject);
  if (!source) {
    const detail = subject === problem.path ? undefined : subject;
    return { problem: { ...problem, detail }, derived: false };
  }
  const derived = JSON.stringify(source.value) !== JSON.stringify(problem.value);
  return {
    derived,
    problem: {
      code: problem.code,
      path: source.paths.join(' or '),
      value: source.value,
      allowed: problem.allowed,
      detail: `${subject} at ${problem.path}${derived ? ` (${showValue(problem.value)})` : ''}`,
    },
  };
}

/**
 * One line per problem of a field: the same problem found by several constructs is listed once,
 * and a problem found in a value derived from a field is left out when a construct found one in
 * the field's own value.
 */
function dedupe(reported: readonly Reported[]): Problem[] {
  const field = (p: Problem) => JSON.stringify([p.path, p.value]);
  const direct = new Set(reported.filter((r) => !r.derived).map((r) => field(r.problem)));
  const seen = new Map<string, { problem: Problem; more: number }>();
  for (const { problem, derived } of reported) {
    if (derived && direct.has(field(problem))) continue;
    const key = JSON.stringify([problem.code, problem.path, problem.value, problem.allowed]);
    const entry = seen.get(key);
    if (entry) entry.more += 1;
    else seen.set(key, { problem, more: 0 });
  }
  return [...seen.values()].map(({ problem, more }) =>
    more === 0 || !problem.detail
      ? problem
      : { ...problem, detail: `${problem.detail}, and by ${more} more` },
  );
}

/**
 * Builds the whole tree with every construct check collected instead of thrown, runs the
 * constructs' validations, and throws one ValidationError listing the config problems and every
 * construct problem, each under the config path that fed it. Returns when there is none.
 */
export function buildReportingProblems(app: App, build: (app: App) => void): void {
  const found: Found[] = [];
  let stopped: Error | undefined;
  const { trace } = withConfigTrace(() =>
    collectingProblems(
      (subject, problems) => found.push(...problems.map((problem) => ({ subject, problem }))),
      () => {
        try {
          build(app);
        } catch (error) {
          // Config that cannot be built on at all, or a failure no problem explains.
          if (error instanceof ValidationError || found.length === 0) throw error;
          stopped = error as Error;
        }
      },
    ),
  );
  if (!stopped) {
    for (const node of app.node.findAll()) {
      for (const message of node.node.validate())
        found.push(fromValidation(node.node.path, message));
    }
  }
  const problems = [
    ...trace.configProblems,
    ...dedupe(found.map((f) => toConfigProblem(f, trace))),
  ];
  if (stopped) {
    problems.push({
      code: 'BuildStopped',
      path: '(build)',
      value: stopped.message,
      allowed: 'stopped after the problems above; fix them and run again to see any others',
    });
  }
  if (problems.length > 0) throw new ValidationError(trace.subject ?? 'app', problems);
}
