import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { Problem, ValidationError } from '../errors';
import { Json, JsonObject, formatPath, isObject, itemIndex, itemNames, valueAt } from './path';
import { withRegionEnv } from './regions';
import { deferConfigProblems, recordConfig, tracing } from './trace';

export { formatPath, valueAt };

/** Environment variable naming a JSON config file that overrides an app's defaults. */
export const CONFIG_FILE_ENV = 'APIGW_CONFIG_FILE';
/** Prefix of environment variables that set one config field: `APIGW__network__vpcCidr=10.1.0.0/16`. */
export const CONFIG_ENV_PREFIX = 'APIGW__';

/**
 * Merges `override` over `base`: objects merge key by key; a list takes an object override item
 * by item, each key naming an item by its name or index (`{ regions: { west: { weight: 0 } } }`); anything
 * else, lists given as lists included, is replaced. A key that names no item is a problem.
 */
export function deepMerge(
  base: unknown,
  override: unknown,
  problems: Problem[] = [],
  path: readonly PropertyKey[] = [],
): unknown {
  if (override === undefined) return base;
  if (Array.isArray(base) && isObject(override)) {
    const out = [...base] as Json[];
    for (const [key, value] of Object.entries(override)) {
      const i = /^\d+$/.test(key) && Number(key) < out.length ? Number(key) : itemIndex(out, key);
      if (i < 0) {
        problems.push({
          code: 'UnknownListItem',
          path: formatPath([...path, key]),
          value,
          allowed: `must name an item of ${formatPath(path)} by its name (${itemNames(out).join(', ') || 'the list has no named items'}) or its index (0-${out.length - 1})`,
        });
        continue;
      }
      out[i] = deepMerge(out[i], value, problems, [...path, i]) as Json;
    }
    return out;
  }
  if (!isObject(base) || !isObject(override)) return override;
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(override))
    out[key] = deepMerge(base[key], value, problems, [...path, key]) as Json;
  return out;
}

/**
 * Keys that JavaScript objects treat specially: `{"__proto__": ...}` would set the prototype of
 * the merged config instead of a field, and be dropped without a word.
 */
const RESERVED_KEYS = new Set(['__proto__']);

/** Problems for every reserved key in `value`, found by walking it. */
export function reservedKeyProblems(value: unknown, path: readonly PropertyKey[] = []): Problem[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => reservedKeyProblems(v, [...path, i]));
  if (!isObject(value)) return [];
  return Object.keys(value).flatMap((key) =>
    RESERVED_KEYS.has(key)
      ? [
          {
            code: 'ReservedKey',
            path: formatPath([...path, key]),
            value: value[key],
            allowed: 'is not allowed as a config key (JavaScript reserves it)',
          },
        ]
      : reservedKeyProblems(value[key], [...path, key]),
  );
}

function parseEnvValue(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

/**
 * Reads `APIGW__a__b=value` variables into `{ a: { b: value } }`. A value is taken as text where
 * the default at that path is text (so an account ID stays a string), and as JSON elsewhere when
 * it parses (numbers, booleans, arrays, objects). A key under a list names one of its items:
 * `APIGW__regions__west__weight=0`.
 */
export function envOverrides(env: NodeJS.ProcessEnv, defaults: unknown = {}): JsonObject {
  const out: JsonObject = Object.create(null) as JsonObject;
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith(CONFIG_ENV_PREFIX) || raw === undefined) continue;
    const path = name.slice(CONFIG_ENV_PREFIX.length).split('__').filter(Boolean);
    if (path.length === 0) continue;
    let node = out;
    path.slice(0, -1).forEach((key) => {
      if (!isObject(node[key])) node[key] = Object.create(null) as JsonObject;
      node = node[key] as JsonObject;
    });
    node[path[path.length - 1]] =
      typeof valueAt(defaults, path) === 'string' ? raw : parseEnvValue(raw);
  }
  return out;
}

const ZOD_CODES: Record<string, string> = {
  invalid_type: 'InvalidType',
  too_small: 'TooSmall',
  too_big: 'TooBig',
  invalid_format: 'InvalidFormat',
  invalid_value: 'InvalidValue',
  unrecognized_keys: 'UnknownField',
  not_multiple_of: 'InvalidValue',
  invalid_union: 'InvalidValue',
};

/** Turns zod issues into problems that name the path, the value and what is allowed. */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[], input: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = formatPath([...issue.path, key]);
        problems.push({
          code: 'UnknownField',
          path,
          value: valueAt(input, [...issue.path, key]),
          allowed: 'is not a known setting (check the spelling against the app config schema)',
        });
      }
      continue;
    }
    const params = 'params' in issue ? (issue.params as { code?: string } | undefined) : undefined;
    problems.push({
      code: params?.code ?? ZOD_CODES[issue.code] ?? 'InvalidValue',
      path: formatPath(issue.path) || '(root)',
      value:
        'input' in issue && issue.input !== undefined ? issue.input : valueAt(input, issue.path),
      allowed: issue.message.replace(/^Invalid input: /, 'must be valid: '),
    });
  }
  return problems;
}

/**
 * Validates `input` against `schema` and returns the typed result, or throws one ValidationError
 * listing every bad field.
 */
export function parseConfig<S extends z.ZodType>(
  subject: string,
  schema: S,
  input: unknown,
): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw new ValidationError(subject, issuesToProblems(result.error.issues, input));
}

export interface LoadConfigOptions<S extends z.ZodType> {
  /** App name, used in error messages. */
  readonly app: string;
  readonly schema: S;
  /**
   * Values under the file and the environment.
   * @default - the schema's own defaults (what it parses `{}` into)
   */
  readonly defaults?: Partial<z.input<S>>;
  /** @default - process.env */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Config file to read when `APIGW_CONFIG_FILE` is not set.
   * @default - no file; only defaults and environment
   */
  readonly file?: string;
}

/**
 * Loads an app's config: built-in defaults, then a JSON file (`APIGW_CONFIG_FILE`, or the
 * `file` option when that exists), then `APIGW__...` environment variables; then validates the
 * whole. Runs before any construct is built.
 */
export function loadConfig<S extends z.ZodType>(options: LoadConfigOptions<S>): z.output<S> {
  const env = options.env ?? process.env;
  const subject = `${options.app} config`;
  const problems: Problem[] = [];
  // Defaults sit under every override, so a file that sets one nested field keeps the others.
  const builtIn = options.schema.safeParse({});
  let merged: unknown = deepMerge(builtIn.success ? builtIn.data : {}, options.defaults ?? {});
  const defaults = merged;
  const named = env[CONFIG_FILE_ENV];
  const file = named ? (isAbsolute(named) ? named : resolve(named)) : options.file;
  if (named && !existsSync(file as string)) {
    throw new ValidationError(subject, [
      {
        code: 'ConfigFileNotFound',
        path: CONFIG_FILE_ENV,
        value: named,
        allowed: 'must name an existing JSON file',
      },
    ]);
  }
  if (file && existsSync(file)) {
    const parsed = readConfigFile(subject, file);
    problems.push(...reservedKeyProblems(parsed));
    merged = deepMerge(merged, parsed, problems);
  }
  merged = deepMerge(merged, envOverrides(env, defaults), problems);
  if (problems.length > 0) throw new ValidationError(subject, problems);
  return withRegionEnv(env, () => {
    const result = options.schema.safeParse(merged, { reportInput: true });
    if (result.success) {
      recordConfig(subject, result.data);
      return result.data;
    }
    const error = new ValidationError(subject, issuesToProblems(result.error.issues, merged));
    // Building for one report: put the defaults where the config is bad and build on, so the
    // constructs' problems join these in the same report. Nothing is written either way.
    const fallback = tracing() ? withDefaultsAt(merged, defaults, result.error.issues) : undefined;
    const retry = fallback === undefined ? undefined : options.schema.safeParse(fallback);
    if (!retry?.success) throw error;
    deferConfigProblems(error.problems);
    recordConfig(subject, retry.data);
    return retry.data;
  });
}

/**
 * `input` with the value of `defaults` at each bad path (a bad list item: at its list; unknown
 * keys removed), or undefined when a path cannot fall back.
 */
function withDefaultsAt(
  input: unknown,
  defaults: unknown,
  issues: readonly z.core.$ZodIssue[],
): unknown {
  const out = JSON.parse(JSON.stringify(input)) as unknown;
  const paths = issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => [...issue.path, key])
      : [issue.path],
  );
  for (const issuePath of paths) {
    // A bad list item falls back with its whole list: lists are replaced whole.
    let path = issuePath;
    while (path.length > 1 && Array.isArray(valueAt(out, path.slice(0, -1))))
      path = path.slice(0, -1);
    const parent = valueAt(out, path.slice(0, -1));
    const key = path[path.length - 1];
    if (key === undefined || !isObject(parent)) return undefined;
    const fallback = valueAt(defaults, path);
    if (fallback === undefined) delete parent[String(key)];
    else parent[String(key)] = fallback as Json;
  }
  return out;
}

/** The JSON object in `file`; anything else (not JSON, null, a list, a text) is refused. */
function readConfigFile(subject: string, file: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ValidationError(subject, [
      {
        code: 'ConfigFileNotJson',
        path: file,
        value: (error as Error).message,
        allowed: 'must be a JSON object',
      },
    ]);
  }
  if (!isObject(parsed)) {
    throw new ValidationError(subject, [
      {
        code: 'ConfigFileNotObject',
        path: file,
        value: parsed,
        allowed: `must hold a JSON object of settings ({ "field": value, ... }), not ${parsed === null ? 'null' : Array.isArray(parsed) ? 'a list' : `a ${typeof parsed}`}`,
      },
    ]);
  }
  return parsed;
}
