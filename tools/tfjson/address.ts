/**
 * Terraform addresses: `module.net[0].aws_subnet.a["x"]` has the module instance
 * `module.net[0]`, the module key `module.net` (instance keys dropped, as in the configuration),
 * and the base address `module.net.aws_subnet.a`.
 */

/** Splits on dots outside brackets and quoted strings. */
export function splitAddress(address: string): readonly string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < address.length; i++) {
    const c = address[i];
    if (quoted) {
      current += c;
      if (c === '\\' && i + 1 < address.length) current += address[++i];
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    if (c === '.' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

/** `name[0]` -> `name`; `name["a.b"]` -> `name`. */
export function withoutKey(part: string): string {
  const bracket = part.indexOf('[');
  return bracket < 0 ? part : part.slice(0, bracket);
}

export interface ParsedAddress {
  /** `module.a.module.b`, or '' in the root module. */
  readonly moduleKey: string;
  /** `module.a[0].module.b`, or '' in the root module. */
  readonly moduleInstance: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** The address without any instance key: `module.a.aws_lb.x`. */
  readonly base: string;
}

export function parseAddress(address: string): ParsedAddress | undefined {
  const parts = splitAddress(address);
  const modules: string[] = [];
  const instances: string[] = [];
  let i = 0;
  while (i + 1 < parts.length && parts[i] === 'module') {
    modules.push('module', withoutKey(parts[i + 1]));
    instances.push('module', parts[i + 1]);
    i += 2;
  }
  const rest = parts.slice(i);
  const mode = rest[0] === 'data' ? 'data' : 'managed';
  const local = mode === 'data' ? rest.slice(1) : rest;
  if (local.length < 2) return undefined;
  const type = local[0];
  const name = withoutKey(local[1]);
  const moduleKey = modules.join('.');
  const resource = `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
  return {
    moduleKey,
    moduleInstance: instances.join('.'),
    mode,
    type,
    name,
    base: moduleKey ? `${moduleKey}.${resource}` : resource,
  };
}

/** Joins a module key and a module-relative address. */
export function inModule(moduleKey: string, relative: string): string {
  return moduleKey ? `${moduleKey}.${relative}` : relative;
}
