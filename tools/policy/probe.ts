/**
 * Adversarial questions: can someone who should not, get an action through these policies? The
 * asker names who tries (anonymous, a role of another account, a service acting for another
 * account), what and where; the probe lets that caller choose every request value a caller
 * controls, trying each value the policies test for, and reports the first request the evaluator
 * allows.
 */
import type { Caller, AccessAnswer, AccessPolicies, NamedPolicy, PolicyDocument } from './evaluate';
import { evaluateAccess } from './evaluate';
import { accountOfCaller, principalContext } from './endpoint-principals';
import { actionPatternMatches } from './lookup';

/**
 * Global condition keys whose values the caller decides by how it sends the request (transport,
 * source address, client headers, the Region it calls, the time).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
export const CALLER_CONTROLLED_KEYS: readonly string[] = [
  'aws:SecureTransport',
  'aws:SourceIp',
  'aws:VpcSourceIp',
  'aws:UserAgent',
  'aws:Referer',
  'aws:RequestedRegion',
];

const BOOLEAN_KEYS = new Set(['aws:securetransport']);
const IP_KEYS = new Set(['aws:sourceip', 'aws:vpcsourceip']);
/** An address from the documentation range (RFC 5737): outside every network a policy names. */
const OUTSIDE_ADDRESS = '203.0.113.10';

/** A first address of an IPv4 or IPv6 CIDR (`10.0.0.0/8` -> `10.0.0.0`). */
function addressIn(cidr: string): string {
  return cidr.split('/')[0];
}

function conditionValues(policies: readonly PolicyDocument[]): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const policy of policies) {
    for (const statement of policy.Statement) {
      const condition = statement.Condition;
      if (!condition || typeof condition !== 'object') continue;
      for (const keys of Object.values(condition as Record<string, unknown>)) {
        if (!keys || typeof keys !== 'object') continue;
        for (const [key, raw] of Object.entries(keys as Record<string, unknown>)) {
          const lower = key.toLowerCase();
          const canonical = CALLER_CONTROLLED_KEYS.find((k) => k.toLowerCase() === lower);
          if (!canonical) continue;
          const values = (Array.isArray(raw) ? raw : [raw]).filter(
            (v): v is string => typeof v === 'string',
          );
          const set = found.get(canonical) ?? new Set<string>();
          for (const v of values)
            set.add(IP_KEYS.has(lower) ? addressIn(v) : v.replace(/\*/g, 'x'));
          found.set(canonical, set);
        }
      }
    }
  }
  return found;
}

/**
 * The request values a caller can choose, as a few contexts: every caller-controlled key that the
 * policies test gets, in turn, each value they name (both values for booleans, and an address
 * outside every network they name). Requests come over TLS unless the policies test the transport.
 */
export function callerContexts(
  policies: readonly PolicyDocument[],
): readonly Record<string, string>[] {
  const candidates = new Map<string, string[]>([['aws:SecureTransport', ['true']]]);
  for (const [key, values] of conditionValues(policies)) {
    const lower = key.toLowerCase();
    if (BOOLEAN_KEYS.has(lower)) {
      candidates.set(key, ['true', 'false']);
      continue;
    }
    const list = [...values];
    if (IP_KEYS.has(lower)) list.push(OUTSIDE_ADDRESS);
    else list.push('guardrails-probe');
    candidates.set(key, list);
  }
  const rounds = Math.max(...[...candidates.values()].map((v) => v.length));
  return Array.from({ length: rounds }, (_, i) =>
    Object.fromEntries([...candidates].map(([key, values]) => [key, values[i % values.length]])),
  );
}

/** What a caller outside the intended set may have of its own: every action on every resource. */
export const OUTSIDER_PERMISSIONS: NamedPolicy = {
  name: "the caller's own identity policy (all actions)",
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

export interface Probe {
  readonly caller: Caller;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string;
  /** Values the caller cannot choose: the endpoint or VPC it comes from, the source account. */
  readonly context?: Readonly<Record<string, string>>;
}

export interface Breach {
  readonly probe: Probe;
  /** The full request context of the allowed request. */
  readonly context: Readonly<Record<string, string>>;
  readonly answer: AccessAnswer;
}

/**
 * Puts each probe to the evaluator with every context the caller can choose; resolves to the first
 * allowed request, or undefined when every request is denied. A caller with an ARN brings
 * OUTSIDER_PERMISSIONS as its identity policy unless `policies.identityPolicies` is given.
 */
export async function firstBreach(
  probes: readonly Probe[],
  policies: AccessPolicies,
): Promise<Breach | undefined> {
  const documents = [
    ...(policies.resourcePolicy ? [policies.resourcePolicy.policy] : []),
    ...(policies.endpointPolicies ?? []).map((p) => p.policy),
  ];
  const contexts = callerContexts(documents);
  for (const probe of probes) {
    if (!passesGates(probe, policies)) continue;
    const identityPolicies =
      policies.identityPolicies ?? (accountOfCaller(probe.caller) ? [OUTSIDER_PERMISSIONS] : []);
    for (const chosen of contexts) {
      const context = { ...chosen, ...principalContext(probe.caller), ...(probe.context ?? {}) };
      const answer = await evaluateAccess({ ...probe, context }, { ...policies, identityPolicies });
      if (answer.allowed) return { probe, context, answer };
    }
  }
  return undefined;
}

const list = (value: unknown): readonly string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');

/**
 * Whether a principal element could name the caller: `*`, a wildcard of its type, its ARN or its
 * account, or any NotPrincipal. Errs towards yes, so that it only ever saves a question whose
 * answer is certain.
 */
function principalMayMatch(statement: Record<string, unknown>, caller: Caller): boolean {
  if (statement.NotPrincipal !== undefined) return true;
  const principal = statement.Principal;
  if (principal === '*') return true;
  if (!principal || typeof principal !== 'object') return false;
  const account = accountOfCaller(caller);
  return Object.entries(principal as Record<string, unknown>).some(([type, ids]) =>
    list(ids).some((id) => {
      if (id === '*' || id.includes('${')) return true;
      if (type === 'Service') return id === caller;
      if (type !== 'AWS' || account === undefined) return false;
      return id === account || id.includes(`:${account}:`) || /[*?]/.test(id);
    }),
  );
}

function actionMayMatch(statement: Record<string, unknown>, action: string): boolean {
  if (statement.NotAction !== undefined) return true;
  return list(statement.Action).some((pattern) => actionPatternMatches(pattern, action));
}

/** Whether some Allow of the policy could grant the probe (no: the evaluator would refuse it). */
function mayAllow(policy: PolicyDocument, probe: Probe): boolean {
  return policy.Statement.some(
    (s) =>
      s.Effect === 'Allow' && actionMayMatch(s, probe.action) && principalMayMatch(s, probe.caller),
  );
}

/**
 * A request goes through every VPC endpoint policy; without a resource policy it needs an Allow
 * of an identity policy; a caller that is anonymous or of another account needs the resource
 * policy's Allow. When one of these policies has no Allow that could apply, the answer is a
 * denial and the evaluator need not be asked.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 */
function passesGates(probe: Probe, policies: AccessPolicies): boolean {
  for (const endpoint of policies.endpointPolicies ?? []) {
    if (!mayAllow(endpoint.policy, probe)) return false;
  }
  if (!policies.resourcePolicy && policies.identityPolicies) {
    const identityMayAllow = policies.identityPolicies.some((p) =>
      p.policy.Statement.some((s) => s.Effect === 'Allow' && actionMayMatch(s, probe.action)),
    );
    if (!identityMayAllow) return false;
  }
  const account = accountOfCaller(probe.caller);
  const needsResourcePolicy =
    probe.caller === 'anonymous' || (account !== undefined && account !== probe.resourceAccount);
  if (needsResourcePolicy) {
    return policies.resourcePolicy !== undefined && mayAllow(policies.resourcePolicy.policy, probe);
  }
  return true;
}

/** `anonymous` or the caller's ARN, with the chosen context, for finding messages. */
export function describeBreach(breach: Breach): string {
  const { probe, context } = breach;
  const who = probe.caller === 'anonymous' ? 'an anonymous caller' : probe.caller;
  const values = Object.entries(context)
    .filter(([key]) => key !== 'aws:PrincipalArn')
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  return `${who} is allowed ${probe.action} on ${probe.resource} (request context ${values})`;
}
