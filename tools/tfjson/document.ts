import { inModule, splitAddress, withoutKey } from './address';
import { getPath, isArray, isObject, Json, JsonObject, PathSegment, stringsOf } from './json';
import { PlanResource, Reference } from './resource';

interface ModuleCall {
  readonly parentKey: string;
  readonly expressions: JsonObject;
}

const NON_RESOURCE_ROOTS = new Set(['count', 'each', 'path', 'terraform', 'self', 'local']);

/** A provider block of the configuration, with its constant settings. */
export interface ProviderConfig {
  /** `aws`, or `aws.<alias>`: how resources name it. */
  readonly key: string;
  readonly name: string;
  readonly alias?: string;
  readonly region?: string;
  readonly allowedAccountIds: readonly string[];
  readonly assumeRoleArn?: string;
}

export interface PlanSource {
  /** How reports name the stack: `<app>/<stack>` for cdktf output, the file path otherwise. */
  readonly stack: string;
  /** The plan.json path, when the plan was read from a file. */
  readonly file?: string;
  /** The synthesized cdk.tf.json next to the plan (backend, suppressions), when there is one. */
  readonly cdktf?: JsonObject;
  readonly cdktfFile?: string;
}

/** A Terraform plan (`terraform show -json` output) indexed for the rules. */
export class Plan<S extends PlanSource = PlanSource> {
  readonly resources: readonly PlanResource[];
  readonly formatVersion: string;
  readonly hasConfiguration: boolean;
  private readonly byBase = new Map<string, PlanResource[]>();
  private readonly byTypeIndex = new Map<string, PlanResource[]>();
  private readonly configurations = new Map<string, JsonObject>();
  private readonly moduleCalls = new Map<string, ModuleCall>();
  private readonly moduleOutputs = new Map<string, JsonObject>();
  private readonly configResources = new Map<string, string>();

  constructor(
    readonly json: JsonObject,
    readonly source: S,
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

  /**
   * The block cdktf synthesized for a resource (`resource.<type>.<name>` or `data.<type>.<name>` of
   * cdk.tf.json), when the source carries the synthesized JSON.
   */
  synthesizedBlock(baseAddress: string): JsonObject | undefined {
    const cdktf = this.source.cdktf;
    if (!cdktf) return undefined;
    const data = baseAddress.startsWith('data.');
    const [type, name] = splitAddress(data ? baseAddress.slice(5) : baseAddress);
    const block = getPath(cdktf, [data ? 'data' : 'resource', type, name ?? '']);
    return isObject(block) ? block : undefined;
  }

  /** The construct path cdktf recorded for a resource (`basic/network/vpc`), when known. */
  constructPathOf(baseAddress: string): string | undefined {
    const path = getPath(this.synthesizedBlock(baseAddress), ['//', 'metadata', 'path']);
    return typeof path === 'string' ? path : undefined;
  }

  /**
   * The providers the configuration declares, keyed as resources name them (`aws`, `aws.peer`),
   * with the constant settings the rules and tools read.
   */
  providers(): ReadonlyMap<string, ProviderConfig> {
    const found = new Map<string, ProviderConfig>();
    const configs = getPath(this.json, 'configuration.provider_config');
    if (!isObject(configs)) return found;
    for (const [key, config] of Object.entries(configs)) {
      if (!isObject(config)) continue;
      const constant = (path: string) => {
        const leaf = getPath(config.expressions, path);
        return isObject(leaf) ? leaf.constant_value : undefined;
      };
      const region = constant('region');
      const roleArn = constant('assume_role.0.role_arn');
      found.set(key, {
        key,
        name: typeof config.name === 'string' ? config.name : key.split('.')[0],
        alias: typeof config.alias === 'string' ? config.alias : undefined,
        region: typeof region === 'string' ? region : undefined,
        allowedAccountIds: stringsOf(constant('allowed_account_ids')),
        assumeRoleArn: typeof roleArn === 'string' ? roleArn : undefined,
      });
    }
    return found;
  }

  /** The provider configuration key of a resource (`aws` or `aws.<alias>`). */
  providerKeyOf(baseAddress: string): string {
    return this.configResources.get(baseAddress) ?? 'aws';
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
        const address = inModule(moduleKey, resource.address);
        this.configurations.set(address, isObject(expressions) ? expressions : {});
        if (typeof resource.provider_config_key === 'string')
          this.configResources.set(address, resource.provider_config_key);
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
export function parsePlan<S extends PlanSource>(json: unknown, source: S): Plan<S> {
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
