/** JSON values as `JSON.parse` returns them, read-only. */
export type Json = null | boolean | number | string | readonly Json[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: Json;
}

/** One step into a JSON value: an object key or a list index. */
export type PathSegment = string | number;

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isArray(value: Json | undefined): value is readonly Json[] {
  return Array.isArray(value);
}

/** `a.0.b` or `['a', 0, 'b']` as segments; numeric parts of a dotted path become indexes. */
export function toPath(path: string | readonly PathSegment[]): readonly PathSegment[] {
  if (typeof path !== 'string') return path;
  if (path === '') return [];
  return path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The value at `path`, or undefined when any step is missing. */
export function getPath(
  value: Json | undefined,
  path: string | readonly PathSegment[],
): Json | undefined {
  let current: Json | undefined = value;
  for (const segment of toPath(path)) {
    if (typeof segment === 'number') {
      if (!isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (!isObject(current)) return undefined;
      current = current[segment];
    }
  }
  return current;
}

/** Strings of a string or a list of strings (other elements dropped). */
export function stringsOf(value: Json | undefined): readonly string[] {
  if (typeof value === 'string') return [value];
  if (isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** Short, single-line rendering of a value for messages. */
export function show(value: Json | undefined): string {
  if (value === undefined) return 'not set';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
