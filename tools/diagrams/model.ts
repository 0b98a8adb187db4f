// Reads one synthesized stack (cdktf.out/stacks/<stack>/cdk.tf.json) into resources, their
// references and their providers: the raw material the diagram is drawn from. Parsing goes
// through the workspace's one Terraform JSON reader (tools/tfjson).
import { parseSynth, ProviderConfig } from '@apigw-private/tools/tfjson';

/** The JSON cdktf writes for one stack; only the parts the diagram reads. */
export interface StackJson {
  readonly provider?: { readonly aws?: readonly ProviderBlock[] };
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
}

export interface ProviderBlock {
  readonly alias?: string;
  readonly region?: string;
  readonly allowed_account_ids?: readonly string[];
  readonly assume_role?: readonly { readonly role_arn?: string }[];
}

export interface TfResource {
  /** `aws_vpc.network_vpc_4E8F0223`, or `data.aws_iam_policy_document.x` for data sources. */
  readonly address: string;
  readonly type: string;
  /** The logical name, e.g. `network_vpc_4E8F0223`. */
  readonly name: string;
  readonly mode: 'managed' | 'data';
  readonly config: Record<string, unknown>;
  /** `aws` for the default provider, else the alias (from `"provider": "aws.<alias>"`). */
  readonly provider: string;
}

/** Where a provider deploys: its Region and, when the synth knows it, its account. */
export interface ProviderTarget {
  readonly key: string;
  readonly region: string;
  /** From allowed_account_ids, else from the assume_role ARN; unknown in offline synths. */
  readonly accountId?: string;
}

export interface StackModel {
  readonly stack: string;
  readonly resources: ReadonlyMap<string, TfResource>;
  readonly providers: ReadonlyMap<string, ProviderTarget>;
}

export const DEFAULT_PROVIDER = 'aws';

function accountOf(provider: ProviderConfig): string | undefined {
  const allowed = provider.allowedAccountIds[0];
  if (allowed && /^\d{12}$/.test(allowed)) return allowed;
  const match = provider.assumeRoleArn
    ? /^arn:aws[\w-]*:iam::(\d{12}):/.exec(provider.assumeRoleArn)
    : null;
  return match ? match[1] : undefined;
}

/** Parses a stack's cdk.tf.json through the workspace's Terraform JSON reader. */
export function readStack(stack: string, json: StackJson): StackModel {
  const plan = parseSynth(json, { stack });
  const resources = new Map<string, TfResource>();
  const sorted = [...plan.resources].sort(
    (a, b) =>
      (a.mode === b.mode ? 0 : a.mode === 'managed' ? -1 : 1) ||
      a.type.localeCompare(b.type) ||
      a.name.localeCompare(b.name),
  );
  for (const resource of sorted) {
    const key = resource.providerKey;
    resources.set(resource.address, {
      address: resource.address,
      type: resource.type,
      name: resource.name,
      mode: resource.mode,
      config: plan.synthesizedBlock(resource.baseAddress) ?? {},
      provider: key.includes('.') ? key.slice(key.indexOf('.') + 1) : DEFAULT_PROVIDER,
    });
  }
  const providers = new Map<string, ProviderTarget>();
  for (const provider of plan.providers().values()) {
    if (provider.name !== 'aws') continue;
    const key = provider.alias ?? DEFAULT_PROVIDER;
    providers.set(key, {
      key,
      region: provider.region ?? 'unknown-region',
      accountId: accountOf(provider),
    });
  }
  if (providers.size === 0) {
    providers.set(DEFAULT_PROVIDER, { key: DEFAULT_PROVIDER, region: 'unknown-region' });
  }
  return { stack, resources, providers };
}

const INTERPOLATION = /\$\{([^}]*)\}/g;
const REFERENCE = /(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)/g;

/**
 * Addresses a value refers to through `${...}` interpolations, in order of appearance, without
 * duplicates. Only addresses that exist in `known` count (the pattern also matches attributes).
 */
export function referencesIn(value: unknown, known: ReadonlyMap<string, unknown>): string[] {
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (typeof node === 'string') {
      for (const interpolation of node.matchAll(INTERPOLATION)) {
        for (const match of interpolation[1].matchAll(REFERENCE)) {
          const address = `${match[1] ?? ''}${match[2]}.${match[3]}`;
          if (known.has(address) && !found.includes(address)) found.push(address);
        }
      }
    } else if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) if (key !== '//') visit(child);
    }
  };
  visit(value);
  return found;
}

/** The value at a dotted path; arrays on the way are flattened (`vpc_config.subnet_ids`). */
export function valuesAt(config: unknown, path: string): unknown[] {
  let nodes: unknown[] = [config];
  for (const key of path.split('.')) {
    const next: unknown[] = [];
    for (const node of nodes) {
      const items = Array.isArray(node) ? node : [node];
      for (const item of items) {
        if (item && typeof item === 'object' && key in item)
          next.push((item as Record<string, unknown>)[key]);
      }
    }
    nodes = next;
  }
  return nodes.flatMap((n) => (Array.isArray(n) ? n : [n]));
}

/** A literal string setting, or undefined when it is missing or computed at apply. */
export function literal(config: unknown, path: string): string | undefined {
  const value = valuesAt(config, path)[0];
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string' || value.includes('${')) return undefined;
  return value;
}
