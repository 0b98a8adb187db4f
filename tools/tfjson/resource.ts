import { parseAddress } from './address';
import type { Plan } from './document';
import {
  getPath,
  isArray,
  isObject,
  Json,
  JsonObject,
  PathSegment,
  stringsOf,
  toPath,
} from './json';

/**
 * A reference from a configuration expression, resolved across module boundaries:
 * `var.vpc_id` inside `module.net` becomes whatever the module call passed in, and
 * `module.net.vpc_id` becomes the expression of that output.
 */
export interface Reference {
  /** Base address of the referenced resource (`module.net.aws_vpc.this`), or the raw reference. */
  readonly address: string;
  /** The attribute referenced (`id`, `json`), when the reference names one. */
  readonly attribute?: string;
  /** False for references that lead nowhere inspectable (`local.x`, a root `var.x`). */
  readonly resolved: boolean;
}

/** What the configuration says about one attribute or block. */
export interface Expression {
  /** True when the configuration gives a constant (possibly null) at this path. */
  readonly hasConstant: boolean;
  readonly constant?: Json;
  /** Raw references (`aws_vpc.main.id`, `var.x`) of the expression, unresolved. */
  readonly references: readonly string[];
  /** True when the path names a nested block (or a list of them) rather than an attribute. */
  readonly isBlock: boolean;
  /**
   * The value as written, `${...}` templates included (`"${aws_x.y.arn}/*"`), when the
   * configuration carries it: cdk.tf.json does, plan.json reports references only.
   */
  readonly template?: Json;
}

/** One resource instance of a plan, with its planned values and its configuration. */
export class PlanResource {
  readonly baseAddress: string;
  readonly moduleKey: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;

  constructor(
    private readonly plan: Plan,
    /** Full instance address, e.g. `module.net.aws_subnet.a[0]`. */
    readonly address: string,
    /** Known planned values (unknown values are null or missing here). */
    readonly values: JsonObject,
    /** The `after_unknown` tree: `true` where a value is known only after apply. */
    readonly unknown: Json,
    /** The plan's actions for this instance (`create`, `update`, `read`, `no-op`). */
    readonly actions: readonly string[],
  ) {
    const parsed = parseAddress(address);
    this.baseAddress = parsed?.base ?? address;
    this.moduleKey = parsed?.moduleKey ?? '';
    this.mode = parsed?.mode ?? 'managed';
    this.type = parsed?.type ?? '';
    this.name = parsed?.name ?? '';
  }

  /** The construct path cdktf recorded (`basic/network/vpc`), when the synthesized JSON is known. */
  get constructPath(): string | undefined {
    return this.plan.constructPathOf(this.baseAddress);
  }

  /** The provider configuration key (`aws`, `aws.peer`) this resource is created with. */
  get providerKey(): string {
    return this.plan.providerKeyOf(this.baseAddress);
  }

  /** The configuration expressions of this resource, when the plan has a configuration. */
  get expressions(): JsonObject | undefined {
    return this.plan.configurationOf(this.baseAddress);
  }

  /** True when the value at `path` is known only after apply. */
  isUnknown(path: string | readonly PathSegment[]): boolean {
    let node: Json | undefined = this.unknown;
    for (const segment of toPath(path)) {
      if (node === true) return true;
      node = getPath(node, [segment]);
    }
    return node === true;
  }

  /** The known value at `path`; undefined when it is null, missing or unknown until apply. */
  value(path: string | readonly PathSegment[]): Json | undefined {
    if (this.isUnknown(path)) return undefined;
    const value = getPath(this.values, path);
    return value === null ? undefined : value;
  }

  str(path: string | readonly PathSegment[]): string | undefined {
    const value = this.value(path);
    return typeof value === 'string' ? value : undefined;
  }

  bool(path: string | readonly PathSegment[]): boolean | undefined {
    const value = this.value(path);
    return typeof value === 'boolean' ? value : undefined;
  }

  num(path: string | readonly PathSegment[]): number | undefined {
    const value = this.value(path);
    return typeof value === 'number' ? value : undefined;
  }

  /** Known strings at `path` (a string or a list of strings). */
  strings(path: string | readonly PathSegment[]): readonly string[] {
    return stringsOf(this.value(path));
  }

  /** Known list at `path` (blocks are lists in plan JSON); empty when unknown or unset. */
  list(path: string | readonly PathSegment[]): readonly Json[] {
    const value = this.value(path);
    return isArray(value) ? value : [];
  }

  /** What the configuration says at `path` (descending into constants and nested blocks). */
  expression(path: string | readonly PathSegment[]): Expression | undefined {
    const segments = toPath(path);
    let node: Json | undefined = this.expressions;
    if (node === undefined) return undefined;
    let viaIndex = true;
    for (let i = 0; i < segments.length; i++) {
      if (!viaIndex && isLeaf(node)) return leafAt(node, segments.slice(i));
      const segment = segments[i];
      if (typeof segment === 'number') {
        if (!isArray(node)) return undefined;
        node = node[segment];
        viaIndex = true;
      } else {
        if (isArray(node)) node = node[0];
        if (!isObject(node)) return undefined;
        node = node[segment];
        viaIndex = false;
      }
      if (node === undefined) return undefined;
    }
    if (!viaIndex && isLeaf(node)) return leafAt(node, []);
    return { hasConstant: false, references: [], isBlock: true };
  }

  /**
   * True when the attribute or block at `path` is set: from the configuration when the plan has
   * one (a non-empty constant, a reference or a block), from the planned value otherwise. Use it
   * for Optional+Computed attributes, whose planned value is unknown even when never configured.
   */
  isConfigured(path: string | readonly PathSegment[]): boolean {
    if (this.expressions === undefined) {
      const value = this.value(path);
      return this.isUnknown(path) || (value !== undefined && !isEmpty(value));
    }
    const expression = this.expression(path);
    if (expression === undefined) return false;
    if (expression.isBlock) return true;
    if (expression.references.length > 0) return true;
    if (expression.hasConstant) {
      const constant = expression.constant;
      return constant !== undefined && constant !== null && !isEmpty(constant);
    }
    return true;
  }

  /** The references of the expression at `path`, resolved across modules. */
  references(path: string | readonly PathSegment[]): readonly Reference[] {
    const expression = this.expression(path);
    if (!expression) return [];
    return this.plan.resolveReferences(this.moduleKey, expression.references);
  }

  /** A tag from `tags_all` (provider default tags included) or `tags`; keys match case-insensitively. */
  tag(key: string): string | undefined {
    const configured = this.expression(['tags']);
    const sources = [this.value('tags_all'), this.value('tags'), configured?.constant];
    for (const tags of sources) {
      if (!isObject(tags)) continue;
      for (const [k, v] of Object.entries(tags)) {
        if (k.toLowerCase() === key.toLowerCase() && typeof v === 'string') return v;
      }
    }
    return undefined;
  }
}

function isLeaf(node: Json | undefined): node is JsonObject {
  return (
    isObject(node) &&
    ('constant_value' in node || 'references' in node || Object.keys(node).length === 0)
  );
}

/**
 * An expression leaf. Configurations in JSON syntax (cdk.tf.json) report every value as
 * `constant_value`, templates included (`"${aws_vpc.main.id}"`), next to the `references`; such a
 * value is not a constant, so references (or a template) win over constant_value.
 */
function leafAt(leaf: JsonObject, rest: readonly PathSegment[]): Expression {
  const references = stringsOf(leaf.references);
  if (references.length > 0) {
    const template = 'constant_value' in leaf ? getPath(leaf.constant_value, rest) : undefined;
    return { hasConstant: false, references, isBlock: false, template };
  }
  if ('constant_value' in leaf && !hasTemplate(leaf.constant_value)) {
    const constant = getPath(leaf.constant_value, rest);
    return { hasConstant: constant !== undefined, constant, references: [], isBlock: false };
  }
  return { hasConstant: false, references: [], isBlock: false };
}

function hasTemplate(value: Json): boolean {
  if (typeof value === 'string') return value.includes('${');
  if (isArray(value)) return value.some(hasTemplate);
  if (isObject(value)) return Object.values(value).some(hasTemplate);
  return false;
}

function isEmpty(value: Json): boolean {
  return (
    (isArray(value) && value.length === 0) ||
    value === '' ||
    (isObject(value) && Object.keys(value).length === 0)
  );
}
