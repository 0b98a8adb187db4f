/**
 * One problem with an input: where it is, what was given, and what is allowed.
 */
export interface Problem {
  /** Stable code that tests and tools match on, e.g. `InvalidCidr`. */
  readonly code: string;
  /** Dotted path of the bad field, e.g. `network.azs[1]` or `props.timeoutMillis`. */
  readonly path: string;
  /** The value that was given. */
  readonly value: unknown;
  /** What is allowed, in words. */
  readonly allowed: string;
  /**
   * Where the problem was found when that differs from `path`: the construct and its prop that a
   * config field fed, e.g. `RegionalCustomDomain failover-nlb/east/api/domain props.domainName`.
   * @default - found at `path` itself
   */
  readonly detail?: string;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return String(value);
  }
}

export function formatProblem(problem: Problem): string {
  const line = `${problem.code}: ${problem.path} ${problem.allowed}, got ${show(problem.value)}`;
  return problem.detail ? `${line}\n      found by ${problem.detail}` : line;
}

export { show as showValue };

/** Receives what a construct found wrong, in place of a throw; see `collectingProblems`. */
export type ProblemSink = (subject: string, problems: readonly Problem[]) => void;

let sink: ProblemSink | undefined;

/**
 * Runs `build` with `Problems.throwIfAny` handing its problems to `receive` instead of throwing,
 * so that every construct of a tree is checked and all problems are reported together. A
 * construct goes on building after its problems are handed over; nothing is written while
 * problems exist (see `synthesize`).
 */
export function collectingProblems<T>(receive: ProblemSink, build: () => T): T {
  const previous = sink;
  sink = receive;
  try {
    return build();
  } finally {
    sink = previous;
  }
}

/**
 * Thrown when configuration or construct props are invalid. It carries every problem found, so a
 * user fixes them all in one go; its message lists each on its own line.
 */
export class ValidationError extends Error {
  readonly problems: readonly Problem[];

  constructor(subject: string, problems: readonly Problem[]) {
    const lines = problems.map((p) => `  - ${formatProblem(p)}`).join('\n');
    super(`${subject}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${lines}`);
    this.name = 'ValidationError';
    this.problems = problems;
  }

  /** The stable codes of the problems, in order. */
  get codes(): string[] {
    return this.problems.map((p) => p.code);
  }
}

/**
 * Collects problems and throws them together. Constructs use it to check their props before
 * they create anything.
 */
export class Problems {
  private readonly list: Problem[] = [];

  constructor(private readonly subject: string) {}

  add(code: string, path: string, value: unknown, allowed: string): this {
    this.list.push({ code, path, value, allowed });
    return this;
  }

  /** Adds a problem when `ok` is false. */
  check(ok: boolean, code: string, path: string, value: unknown, allowed: string): this {
    if (!ok) this.add(code, path, value, allowed);
    return this;
  }

  /** Adds a problem at `path[i]` for each item for which `ok` is false. */
  checkEach<T>(
    items: readonly T[],
    ok: (item: T) => boolean,
    code: string,
    path: string,
    allowed: string,
  ): this {
    items.forEach((item, i) => this.check(ok(item), code, `${path}[${i}]`, item, allowed));
    return this;
  }

  /** Adds an `InvalidPort` problem unless `port` is a whole number 1-65535. */
  checkPort(path: string, port: number): this {
    return this.check(
      Number.isInteger(port) && port >= 1 && port <= 65535,
      'InvalidPort',
      path,
      port,
      'must be a whole number 1-65535',
    );
  }

  merge(problems: readonly Problem[]): this {
    this.list.push(...problems);
    return this;
  }

  get items(): readonly Problem[] {
    return this.list;
  }

  /** Throws the problems found, or hands them over while `collectingProblems` runs. */
  throwIfAny(): void {
    if (this.list.length === 0) return;
    if (sink) sink(this.subject, [...this.list]);
    else throw new ValidationError(this.subject, this.list);
  }
}

/**
 * Runs `build` and returns the ValidationError it throws; throws when it throws none (a test
 * that expects bad input to be refused then fails), and rethrows any other error.
 */
export function validationErrorOf(build: () => unknown): ValidationError {
  try {
    build();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}
