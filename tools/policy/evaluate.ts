/**
 * Policies judged by their effect: a request is put to @cloud-copilot/iam-simulate, a maintained
 * IAM evaluator (identity, resource and VPC endpoint policies, anonymous and cross-account
 * principals, every condition operator). This module only shapes the question and the answer; it
 * holds no policy logic of its own. The request-path verifier and the guardrails both ask here.
 */
import {
  anonymousPrincipal,
  getDenialReasons,
  runSimulation,
  type Simulation,
} from '@cloud-copilot/iam-simulate';
import { templateReferences, type Reference } from '@apigw-private/tools/tfjson';
import { endpointPolicyForEvaluator, principalContext } from './endpoint-principals';
import { describeValues, PolicyLookup, PolicyPrincipal, PolicyStatement, ValueSet } from './lookup';

/** An IAM policy document as JSON. */
export interface PolicyDocument {
  readonly Version: string;
  readonly Statement: readonly Record<string, unknown>[];
}

export interface NamedPolicy {
  /** How answers name the policy: usually the Terraform address that holds it. */
  readonly name: string;
  readonly policy: PolicyDocument;
}

/** `anonymous` for an unsigned call; otherwise the caller's ARN (a role, user or account root). */
export type Caller = 'anonymous' | string;

export interface AccessRequest {
  readonly caller: Caller;
  readonly action: string;
  readonly resource: string;
  /** The account that owns the resource. */
  readonly resourceAccount: string;
  /** Request context keys, e.g. `aws:SourceVpce`, `aws:SourceVpc`. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

export interface AccessPolicies {
  readonly identityPolicies?: readonly NamedPolicy[];
  /** The resource's own policy (an API's resource policy, a bucket policy). */
  readonly resourcePolicy?: NamedPolicy;
  /** The policies of the VPC endpoints the request goes through. */
  readonly endpointPolicies?: readonly NamedPolicy[];
}

export type PolicyKind = 'identity' | 'resource' | 'endpoint' | 'other';

export interface Denial {
  readonly policy: PolicyKind;
  /** The named policy, when the evaluator names it (endpoint and identity policies). */
  readonly name?: string;
  readonly explicit: boolean;
  /** The denying statement's Sid or 1-based position, for explicit denials. */
  readonly statement?: string;
}

export interface AccessAnswer {
  readonly allowed: boolean;
  readonly decision: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
  readonly denials: readonly Denial[];
  /** One line: the decision and each denial, for reports. */
  readonly explanation: string;
}

const POLICY_KINDS: Readonly<Record<string, PolicyKind>> = {
  identity: 'identity',
  resource: 'resource',
  vpce: 'endpoint',
  endpointPolicy: 'endpoint',
};

function describeDenial(denial: Denial, resourcePolicyName?: string): string {
  const name = denial.name ?? (denial.policy === 'resource' ? resourcePolicyName : undefined);
  const where = `${denial.policy} policy${name ? ` ${name}` : ''}`;
  return denial.explicit
    ? `explicit Deny in the ${where}${denial.statement ? ` (statement ${denial.statement})` : ''}`
    : `no statement of the ${where} allows it`;
}

const answers = new Map<string, Promise<AccessAnswer>>();
/** How many questions went to the evaluator in this process (the others were remembered). */
export const evaluations = { count: 0 };
const MAX_REMEMBERED = 5000;

/**
 * Evaluates one request against its policies; throws `InvalidPolicyQuestion` on malformed input.
 * The same question (same request, same policies) is answered once per process.
 */
export function evaluateAccess(
  request: AccessRequest,
  policies: AccessPolicies,
): Promise<AccessAnswer> {
  const key = JSON.stringify([request, policies]);
  let answer = answers.get(key);
  if (!answer) {
    if (answers.size >= MAX_REMEMBERED) answers.clear();
    evaluations.count++;
    answer = evaluateOnce(request, policies);
    answers.set(key, answer);
  }
  return answer;
}

async function evaluateOnce(
  request: AccessRequest,
  policies: AccessPolicies,
): Promise<AccessAnswer> {
  // Keys AWS derives from the signed caller, unless the question gives them.
  const context: Record<string, string | string[]> = { ...principalContext(request.caller) };
  for (const [key, value] of Object.entries(request.context ?? {}))
    context[key] = typeof value === 'string' ? value : [...value];
  const simulation: Simulation = {
    request: {
      principal: request.caller === 'anonymous' ? anonymousPrincipal : request.caller,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      contextVariables: context,
    },
    identityPolicies: (policies.identityPolicies ?? []).map((p) => ({ ...p })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: policies.resourcePolicy?.policy,
    vpcEndpointPolicies: policies.endpointPolicies?.map((p) => ({
      ...p,
      policy: endpointPolicyForEvaluator(p.policy),
    })),
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') {
    throw new Error(
      `InvalidPolicyQuestion: ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`,
    );
  }
  const decision = result.overallResult as AccessAnswer['decision'];
  const analysis = result.resultType === 'single' ? result.result.analysis : undefined;
  const denials: Denial[] =
    decision === 'Allowed' || !analysis
      ? []
      : getDenialReasons(analysis).map((d) => ({
          policy: POLICY_KINDS[d.policyType] ?? 'other',
          name:
            'policyIdentifier' in d
              ? d.policyIdentifier
              : 'identifier' in d
                ? d.identifier
                : undefined,
          explicit: d.denialType === 'Explicit',
          statement:
            d.denialType === 'Explicit' ? (d.statementId ?? String(d.statementIndex)) : undefined,
        }));
  const reasons = denials.map((d) => describeDenial(d, policies.resourcePolicy?.name));
  return {
    allowed: decision === 'Allowed',
    decision,
    denials,
    explanation: reasons.length ? `${decision}: ${reasons.join('; ')}` : decision,
  };
}

/**
 * Turns the statements read from a plan or synth into a policy document. A value known only after
 * apply is replaced by `placeholder(reference)` (for example the ID the verifier gives an endpoint
 * of the same stack); a value with no reference to follow makes the document incomplete.
 */
export function toPolicyDocument(
  lookup: Extract<PolicyLookup, { kind: 'document' }>,
  placeholder: (reference: Reference) => string | undefined,
): { readonly policy: PolicyDocument; readonly unresolved: readonly string[] } {
  const unresolved: string[] = [];
  const fromTemplate = (template: string) => fillTemplate(template, placeholder);
  const values = (set: ValueSet): string[] => {
    const templates = set.templates ?? [];
    if (templates.some((t) => t.includes('${'))) {
      const filled = templates.map(fromTemplate);
      if (filled.every((v): v is string => v !== undefined))
        return [...new Set([...set.known, ...filled])];
    }
    const out = [...set.known];
    for (const reference of set.references) {
      const value = placeholder(reference);
      if (value === undefined) unresolved.push(describeValues({ ...set, known: [] }));
      else out.push(value);
    }
    if (set.opaque) unresolved.push('a value unknown until apply');
    return out;
  };
  const one = (list: string[]): string | string[] => (list.length === 1 ? list[0] : list);
  const principals = (
    list: readonly PolicyPrincipal[],
  ): string | Record<string, string | string[]> => {
    if (list.some((p) => p.type === '*')) return '*';
    const out: Record<string, string[]> = {};
    for (const p of list) out[p.type] = [...(out[p.type] ?? []), ...values(p.identifiers)];
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, one(v)]));
  };
  const statement = (s: PolicyStatement): Record<string, unknown> => {
    const out: Record<string, unknown> = { Effect: s.effect };
    if (s.sid) out.Sid = s.sid;
    const actions = values(s.actions);
    const notActions = values(s.notActions);
    if (actions.length) out.Action = one(actions);
    if (notActions.length) out.NotAction = one(notActions);
    const resources = values(s.resources);
    if (resources.length) out.Resource = one(resources);
    if (s.principals) out.Principal = principals(s.principals);
    if (s.notPrincipals) out.NotPrincipal = principals(s.notPrincipals);
    if (s.conditions.length) {
      const conditions: Record<string, Record<string, string | string[]>> = {};
      for (const c of s.conditions)
        conditions[c.test] = { ...(conditions[c.test] ?? {}), [c.variable]: one(values(c.values)) };
      out.Condition = conditions;
    }
    return out;
  };
  return {
    policy: { Version: '2012-10-17', Statement: lookup.statements.map(statement) },
    unresolved: [...new Set(unresolved)],
  };
}

/**
 * A synthesized `${...}` template with each reference replaced by its stand-in:
 * `${aws_x.y.execution_arn}/*` becomes `<stand-in>/*`. Undefined when an expression is not a plain
 * reference (a function call) or has no stand-in.
 */
export function fillTemplate(
  template: string,
  placeholder: (reference: Reference) => string | undefined,
): string | undefined {
  let failed = false;
  const text = template.replace(/\$\{([^}]*)\}/g, (_, body: string) => {
    const [traversal] = templateReferences(`\${${body}}`);
    const value =
      traversal !== undefined && traversal === body.trim()
        ? placeholder(referenceOf(traversal))
        : undefined;
    if (value === undefined) failed = true;
    return value ?? '';
  });
  return failed ? undefined : text;
}

/** The reference a template traversal names: `aws_x.y.attr[0].z` is `aws_x.y`, attribute `attr[0].z`. */
function referenceOf(traversal: string): Reference {
  const parts = traversal.split('.');
  const size = parts[0] === 'data' ? 3 : 2;
  const attribute = parts.slice(size).join('.');
  return {
    address: parts
      .slice(0, size)
      .join('.')
      .replace(/\[[^\]]*\]$/, ''),
    attribute: attribute || undefined,
    resolved: true,
  };
}
