/** Paths into a config: `regions[1].network.azs[0]`, and list items named by their name. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Fields that name an item of a config list, in the order they are tried: `regions[].name`. */
const ITEM_KEYS = ['name', 'key', 'id'] as const;

/**
 * The item of a list whose name (its `name`, `key` or `id` field) is `key`, so that an override
 * can address `regions.west` although `regions` is a list. Returns its index, or -1.
 */
export function itemIndex(list: readonly unknown[], key: string): number {
  return list.findIndex((item) => isObject(item) && ITEM_KEYS.some((field) => item[field] === key));
}

/** The name of a list item (its `name`, `key` or `id` text), if it has one. */
export function itemName(item: unknown): string | undefined {
  if (!isObject(item)) return undefined;
  const field = ITEM_KEYS.find((f) => typeof item[f] === 'string');
  return field ? (item[field] as string) : undefined;
}

export function itemNames(list: readonly unknown[]): string[] {
  return list.flatMap((item) => itemName(item) ?? []);
}

/** The value at `path`; a text key under a list names an item by its name. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (Array.isArray(node) && typeof key === 'string' && !/^\d+$/.test(key)) {
      const i = itemIndex(node, key);
      node = i < 0 ? undefined : node[i];
      continue;
    }
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, '');
}

/** `regions[1].name` -> `['regions', 1, 'name']`. */
export function parsePath(path: string): PropertyKey[] {
  return path
    .split(/\.|(?=\[)/)
    .map((part) => (/^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part));
}
