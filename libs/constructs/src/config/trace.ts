/**
 * Where config values went, so that a problem a construct finds in its props is reported under
 * the config field that fed it (`clientCidrs[0]`, not `props.ingress.clients.cidrs[2]`).
 *
 * While an app is built for one report (see `buildReportingProblems`), `loadConfig` records the
 * config it returns. A prop that holds a config value as is is found by that value. A prop
 * derived from one (`failover-nlb.` + `dns.zoneName`) is tagged where it is made, with
 * `fromConfig`, so stacks only pass config paths through.
 */
import type { Problem } from '../errors';
import { formatPath, itemName, parsePath, valueAt } from './path';

export interface ConfigSource {
  /** Config paths that hold the value, e.g. `["clientCidrs[0]"]`. */
  readonly paths: readonly string[];
  /** The value in the config (differs from the prop's value when the prop was derived from it). */
  readonly value: unknown;
}

interface Located {
  readonly path: string;
  /** Names of the named list items the path goes through: `regions[1]` -> `west`. */
  readonly names: readonly string[];
}

interface Trace {
  subject?: string;
  config?: unknown;
  /** Config leaves and lists by their JSON text: their paths, and the names of list items on them. */
  readonly byValue: Map<string, Located[]>;
  /** Values derived from a config field, by their JSON text. */
  readonly derived: Map<string, ConfigSource>;
  /** Config problems found before the build went on with defaults in their place. */
  readonly configProblems: Problem[];
}

let active: Trace | undefined;

/** Runs `build` with a fresh trace; `read` sees it after the build (for the report). */
export function withConfigTrace<T>(build: () => T): { result: T; trace: ConfigTrace } {
  const previous = active;
  const trace: Trace = { byValue: new Map(), derived: new Map(), configProblems: [] };
  active = trace;
  try {
    return { result: build(), trace: new ConfigTrace(trace) };
  } finally {
    active = previous;
  }
}

/** True while an app is built for one report: config problems then wait for construct ones. */
export function tracing(): boolean {
  return active !== undefined;
}

/** Text of a value that can name a config field: non-empty strings, numbers, non-empty lists. */
function keyOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : JSON.stringify(value);
  if (typeof value === 'number') return JSON.stringify(value);
  if (Array.isArray(value)) return value.length === 0 ? undefined : JSON.stringify(value);
  return undefined;
}

function index(
  trace: Trace,
  value: unknown,
  path: readonly PropertyKey[],
  names: readonly string[],
): void {
  const key = keyOf(value);
  if (key !== undefined && path.length > 0) {
    const found = trace.byValue.get(key) ?? [];
    found.push({ path: formatPath(path), names });
    trace.byValue.set(key, found);
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      const name = itemName(v);
      index(trace, v, [...path, i], name === undefined ? names : [...names, name]);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) index(trace, v, [...path, k], names);
  }
}

/** Called by `loadConfig`: config problems, reported after the build with the constructs' ones. */
export function deferConfigProblems(problems: readonly Problem[]): void {
  active?.configProblems.push(...problems);
}

/** Called by `loadConfig`: the config the app is built from. */
export function recordConfig(subject: string, config: unknown): void {
  if (!active) return;
  active.subject = subject;
  active.config = config;
  active.byValue.clear();
  index(active, config, [], []);
}

/**
 * Tags `value` as derived from the config field at `path`, so a problem a construct finds in it
 * is reported under that field: `fromConfig(`${id}.${config.dns.zoneName}`, 'dns.zoneName')`.
 * Returns `value` unchanged; outside a traced build it only returns it.
 */
export function fromConfig<T extends string | number>(value: T, path: string): T {
  const key = keyOf(value);
  if (active && key !== undefined) {
    active.derived.set(key, { paths: [path], value: valueAt(active.config, parsePath(path)) });
  }
  return value;
}

/** What a traced build recorded: the config and where its values went. */
export class ConfigTrace {
  constructor(private readonly trace: Trace) {}

  /** The config problems to report with the constructs' ones. */
  get configProblems(): readonly Problem[] {
    return this.trace.configProblems;
  }

  /** `<app> config`, when the build loaded one. */
  get subject(): string | undefined {
    return this.trace.subject;
  }

  /**
   * The config fields a prop value came from, or undefined when it matches none. When several
   * hold the value, those whose named list items (`regions[1]`, named `west`) all appear in the
   * construct path of `subject` are kept, if any are.
   */
  sourceOf(value: unknown, subject = ''): ConfigSource | undefined {
    const key = keyOf(value);
    if (key === undefined) return undefined;
    const derived = this.trace.derived.get(key);
    if (derived) return derived;
    const found = this.trace.byValue.get(key);
    if (!found) return undefined;
    const segments = new Set(subject.split(/[\s/]/));
    const near = found.filter((f) => f.names.length > 0 && f.names.every((n) => segments.has(n)));
    return { paths: (near.length > 0 ? near : found).map((f) => f.path), value };
  }
}
