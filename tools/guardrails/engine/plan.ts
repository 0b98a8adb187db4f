import { inModule, parseAddress, splitAddress, withoutKey } from './address';
import type { Suppression } from './suppressions';
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
}

interface ModuleCall {
  readonly parentKey: string;
  readonly expressions: JsonObject;
}

const NON_RESOURCE_ROOTS = new Set(['count', 'each', 'path', 'terraform', 'self', 'local']);

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
  if (references.length > 0) return { hasConstant: false, references, isBlock: false };
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

export interface PlanSource {
  /** How reports name the stack: `<app>/<stack>` for cdktf output, the file path otherwise. */
  readonly stack: string;
  /** The plan.json path, when the plan was read from a file. */
  readonly file?: string;
  /** The synthesized cdk.tf.json next to the plan (backend, suppressions), when there is one. */
  readonly cdktf?: JsonObject;
  readonly cdktfFile?: string;
  /** Suppressions that apply to this stack, from cdk.tf.json and suppressions files. */
  readonly suppressions?: readonly Suppression[];
  /** IDs of the rules of this run, to catch suppressions of rules that do not exist. */
  readonly ruleIds?: ReadonlySet<string>;
}

/** A Terraform plan (`terraform show -json` output) indexed for the rules. */
export class Plan {
  readonly resources: readonly PlanResource[];
  readonly formatVersion: string;
  readonly hasConfiguration: boolean;
  private readonly byBase = new Map<string, PlanResource[]>();
  private readonly byTypeIndex = new Map<string, PlanResource[]>();
  private readonly configurations = new Map<string, JsonObject>();
  private readonly moduleCalls = new Map<string, ModuleCall>();
  private readonly moduleOutputs = new Map<string, JsonObject>();

  constructor(
    readonly json: JsonObject,
    readonly source: PlanSource,
  ) {
    this.formatVersion = typeof json.format_version === 'string' ? json.format_version : '';
    const configuration = getPath(json, 'configuration.root_module');
    this.hasConfiguration = isObject(configuration);
    if (isObject(configuration)) this.indexConfiguration(configuration, '');
    this.resources = this.collectResources();
    for (const resource of this.resources) {
      push(this.byBase, resource.baseAddress, resource);
      push(this.byTypeIndex, resource.type, resource);
    }
  }

  /** Managed resources of the given types (data sources excluded). */
  ofType(...types: readonly string[]): readonly PlanResource[] {
    return types.flatMap((type) =>
      (this.byTypeIndex.get(type) ?? []).filter((r) => r.mode === 'managed'),
    );
  }

  /** Data sources of the given type. */
  dataOfType(type: string): readonly PlanResource[] {
    return (this.byTypeIndex.get(type) ?? []).filter((r) => r.mode === 'data');
  }

  /** All instances of a base address (`aws_lb.x` gives `aws_lb.x[0]`, `aws_lb.x[1]`). */
  instances(baseAddress: string): readonly PlanResource[] {
    return this.byBase.get(baseAddress) ?? [];
  }

  /** Resources named by the resolved references of `from` at `path`. */
  referenced(from: PlanResource, path: string | readonly PathSegment[]): readonly PlanResource[] {
    return from
      .references(path)
      .filter((r) => r.resolved)
      .flatMap((r) => this.instances(r.address));
  }

  /**
   * True when `from`'s attribute at `path` points at `to`: its expression references `to`, or its
   * known value equals one of `to`'s known attributes (`id` by default), as when `to` already exists.
   */
  links(
    from: PlanResource,
    path: string | readonly PathSegment[],
    to: PlanResource,
    toAttributes: readonly string[] = ['id'],
  ): boolean {
    if (from.references(path).some((r) => r.resolved && r.address === to.baseAddress)) return true;
    const fromValues = from.strings(path);
    if (fromValues.length === 0) return false;
    return toAttributes.some((attribute) =>
      to.strings(attribute).some((v) => fromValues.includes(v)),
    );
  }

  /** Resources of `type` whose attribute at `path` points at `to` (see `links`). */
  referrers(
    to: PlanResource,
    type: string | readonly string[],
    path: string | readonly PathSegment[],
    toAttributes: readonly string[] = ['id'],
  ): readonly PlanResource[] {
    const types = typeof type === 'string' ? [type] : type;
    return this.ofType(...types).filter((r) => this.links(r, path, to, toAttributes));
  }

  /** Configuration expressions of a resource by base address. */
  configurationOf(baseAddress: string): JsonObject | undefined {
    return this.configurations.get(baseAddress);
  }

  /** Resolves raw references made inside module `moduleKey` (see Reference). */
  resolveReferences(
    moduleKey: string,
    references: readonly string[],
    depth = 0,
  ): readonly Reference[] {
    const out: Reference[] = [];
    for (const reference of references) out.push(...this.resolveOne(moduleKey, reference, depth));
    const seen = new Set<string>();
    const withAttribute = new Set(out.filter((r) => r.attribute).map((r) => r.address));
    return out.filter((r) => {
      if (!r.attribute && withAttribute.has(r.address)) return false;
      const key = `${r.address}#${r.attribute ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  private resolveOne(moduleKey: string, reference: string, depth: number): readonly Reference[] {
    const parts = splitAddress(reference);
    const root = parts[0];
    const unresolved: readonly Reference[] = [{ address: reference, resolved: false }];
    if (depth > 20) return unresolved;
    if (NON_RESOURCE_ROOTS.has(root)) return root === 'local' ? unresolved : [];
    if (root === 'var') {
      const call = this.moduleCalls.get(moduleKey);
      const expression = call?.expressions[withoutKey(parts[1] ?? '')];
      if (!call || !isObject(expression)) return unresolved;
      return this.resolveReferences(call.parentKey, stringsOf(expression.references), depth + 1);
    }
    if (root === 'module') {
      if (parts.length < 3) return [];
      const childKey = inModule(moduleKey, `module.${withoutKey(parts[1])}`);
      const output = getPath(this.moduleOutputs.get(childKey), [
        withoutKey(parts[2]),
        'expression',
      ]);
      if (!isObject(output)) return unresolved;
      return this.resolveReferences(childKey, stringsOf(output.references), depth + 1);
    }
    if (root === 'data') {
      if (parts.length < 3) return [];
      const attribute = parts.slice(3).join('.');
      return [
        {
          address: inModule(moduleKey, `data.${parts[1]}.${withoutKey(parts[2])}`),
          attribute: attribute || undefined,
          resolved: true,
        },
      ];
    }
    if (parts.length < 2) return unresolved;
    const attribute = parts.slice(2).join('.');
    return [
      {
        address: inModule(moduleKey, `${root}.${withoutKey(parts[1])}`),
        attribute: attribute || undefined,
        resolved: true,
      },
    ];
  }

  private indexConfiguration(module: JsonObject, moduleKey: string): void {
    const resources = module.resources;
    if (isArray(resources)) {
      for (const resource of resources) {
        if (!isObject(resource) || typeof resource.address !== 'string') continue;
        const expressions = resource.expressions;
        this.configurations.set(
          inModule(moduleKey, resource.address),
          isObject(expressions) ? expressions : {},
        );
      }
    }
    if (isObject(module.outputs)) this.moduleOutputs.set(moduleKey, module.outputs);
    const calls = module.module_calls;
    if (!isObject(calls)) return;
    for (const [name, call] of Object.entries(calls)) {
      if (!isObject(call)) continue;
      const childKey = inModule(moduleKey, `module.${name}`);
      this.moduleCalls.set(childKey, {
        parentKey: moduleKey,
        expressions: isObject(call.expressions) ? call.expressions : {},
      });
      if (isObject(call.module)) this.indexConfiguration(call.module, childKey);
    }
  }

  /**
   * Every resource instance that exists after apply: planned changes (deletes left out), then
   * planned values not listed as changes, then data sources read during planning (prior state).
   * A state file (`terraform show -json` without a plan) is read through its `values`.
   */
  private collectResources(): readonly PlanResource[] {
    const found = new Map<string, PlanResource>();
    const changes = this.json.resource_changes;
    if (isArray(changes)) {
      for (const change of changes) {
        if (!isObject(change) || typeof change.address !== 'string') continue;
        const actions = stringsOf(getPath(change, 'change.actions'));
        const after = getPath(change, 'change.after');
        if (actions.length === 1 && actions[0] === 'delete') continue;
        if (!isObject(after)) continue;
        const unknown = getPath(change, 'change.after_unknown') ?? false;
        found.set(change.address, new PlanResource(this, change.address, after, unknown, actions));
      }
    }
    const addModule = (module: Json | undefined, actions: readonly string[], onlyData: boolean) => {
      if (!isObject(module)) return;
      const resources = module.resources;
      if (isArray(resources)) {
        for (const resource of resources) {
          if (!isObject(resource) || typeof resource.address !== 'string') continue;
          if (found.has(resource.address)) continue;
          if (onlyData && resource.mode !== 'data') continue;
          const values = isObject(resource.values) ? resource.values : {};
          found.set(
            resource.address,
            new PlanResource(this, resource.address, values, false, actions),
          );
        }
      }
      const children = module.child_modules;
      if (isArray(children)) for (const child of children) addModule(child, actions, onlyData);
    };
    addModule(getPath(this.json, 'planned_values.root_module'), ['create'], false);
    addModule(getPath(this.json, 'prior_state.values.root_module'), ['read'], true);
    addModule(getPath(this.json, 'values.root_module'), ['no-op'], false);
    return [...found.values()];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Checks the shape of parsed JSON and indexes it; throws InvalidPlan on anything else. */
export function parsePlan(json: unknown, source: PlanSource): Plan {
  const name = source.file ?? source.stack;
  if (!isObject(json as Json)) {
    throw new Error(
      `InvalidPlan: ${name} is not Terraform plan JSON: expected an object, got ${typeof json}`,
    );
  }
  const object = json as JsonObject;
  if (typeof object.format_version !== 'string') {
    throw new Error(
      `InvalidPlan: ${name} is not Terraform plan JSON: no format_version; write it with \`terraform show -json <planfile>\``,
    );
  }
  if (!/^[01]\./.test(object.format_version)) {
    throw new Error(
      `InvalidPlan: ${name} has format_version ${object.format_version}; supported: 0.x and 1.x`,
    );
  }
  return new Plan(object, source);
}
