import type { Plan, PlanResource } from '../engine/plan';
import {
  coversAction,
  describeValues,
  effectOf,
  isEveryone,
  PolicyCondition,
  PolicyLookup,
  policyOf,
  PolicyStatement,
  statementLabel,
} from '@apigw-private/tools/policy';
import { targetsOf } from './links';

/**
 * How a plan says a REST API is meant to be private or public: a tag `Exposure` = `private` or
 * `public` (provider default tags count), else the presence of `vpc_endpoint_ids`, else its
 * endpoint type. See docs/guardrails.md.
 */
export const EXPOSURE_TAG = 'Exposure';

export interface ApiExposure {
  readonly intent: 'private' | 'public' | 'undeclared';
  /** Why the intent was decided, for messages: `tag Exposure=private`. */
  readonly because: string;
  /** The tag value when set (whatever it is). */
  readonly tag?: string;
}

/** Endpoint types of a REST API; EDGE when no endpoint_configuration is given (the AWS default). */
export function endpointTypes(api: PlanResource): readonly string[] {
  const known = api.strings('endpoint_configuration.0.types');
  if (known.length > 0) return known;
  const configured = api.expression('endpoint_configuration.0.types');
  if (configured?.hasConstant && Array.isArray(configured.constant)) {
    return (configured.constant as readonly unknown[]).filter(
      (t): t is string => typeof t === 'string',
    );
  }
  return api.isConfigured('endpoint_configuration') ? [] : ['EDGE'];
}

export function isPrivateType(api: PlanResource): boolean {
  return endpointTypes(api).includes('PRIVATE');
}

export function exposureOf(api: PlanResource): ApiExposure {
  const tag = api.tag(EXPOSURE_TAG);
  const value = tag?.trim().toLowerCase();
  if (value === 'private') return { intent: 'private', because: `tag ${EXPOSURE_TAG}=${tag}`, tag };
  if (value === 'public') return { intent: 'public', because: `tag ${EXPOSURE_TAG}=${tag}`, tag };
  if (api.isConfigured('endpoint_configuration.0.vpc_endpoint_ids')) {
    return { intent: 'private', because: 'endpoint_configuration.vpc_endpoint_ids is set', tag };
  }
  if (isPrivateType(api))
    return { intent: 'private', because: 'its endpoint type is PRIVATE', tag };
  return { intent: 'undeclared', because: `no ${EXPOSURE_TAG} tag, no vpc_endpoint_ids`, tag };
}

/** REST APIs that the private-API rules apply to: meant to be private, or of type PRIVATE. */
export function privateApis(plan: Plan): readonly PlanResource[] {
  return plan
    .ofType('aws_api_gateway_rest_api')
    .filter((api) => exposureOf(api).intent === 'private' || isPrivateType(api));
}

export interface ApiPolicy {
  readonly lookup: PolicyLookup;
  /** The resource that holds the policy: the API, or its aws_api_gateway_rest_api_policy. */
  readonly holder: PlanResource;
}

/** The resource policy of a REST API: its `policy` attribute or a separate policy resource. */
export function restApiPolicy(plan: Plan, api: PlanResource): ApiPolicy {
  const own = policyOf(plan, api, 'policy');
  if (own.kind !== 'absent') return { lookup: own, holder: api };
  for (const separate of plan.referrers(api, 'aws_api_gateway_rest_api_policy', 'rest_api_id')) {
    const lookup = policyOf(plan, separate, 'policy');
    if (lookup.kind !== 'absent') return { lookup, holder: separate };
  }
  return { lookup: own, holder: api };
}

/** The API a method, stage or policy belongs to, when it is in the plan. */
export function restApiOf(plan: Plan, resource: PlanResource): PlanResource | undefined {
  return targetsOf(plan, resource, 'rest_api_id', ['aws_api_gateway_rest_api'])[0];
}

const INVOKE = 'execute-api:Invoke';
const SOURCE_KEYS = new Map([
  ['aws:sourcevpce', 'aws_vpc_endpoint'],
  ['aws:sourcevpc', 'aws_vpc'],
]);
const NEGATED_TEST = /^String(NotEquals|NotEqualsIgnoreCase|NotLike)(IfExists)?$/i;
const POSITIVE_TEST = /^String(Equals|EqualsIgnoreCase|Like)(IfExists)?$/i;
const ID_PATTERN: Readonly<Record<string, RegExp>> = {
  aws_vpc_endpoint: /^vpce-[0-9a-z]+$/i,
  aws_vpc: /^vpc-[0-9a-z]+$/i,
};

export function isSourceKey(condition: PolicyCondition): boolean {
  return SOURCE_KEYS.has(condition.variable.toLowerCase());
}

/**
 * Problems with the values of a source condition: empty, wildcard, IDs of the wrong shape,
 * references to something that is not a VPC endpoint (or VPC), or values not readable at all.
 * Values known only after apply are checked through the references of the configuration.
 */
export function sourceValueProblems(condition: PolicyCondition): readonly string[] {
  const expectedType = SOURCE_KEYS.get(condition.variable.toLowerCase()) ?? 'aws_vpc_endpoint';
  const { values } = condition;
  const problems: string[] = [];
  if (values.known.length === 0 && values.references.length === 0 && !values.opaque) {
    problems.push(`${condition.variable} has no values`);
  }
  for (const value of values.known) {
    if (!ID_PATTERN[expectedType].test(value)) {
      problems.push(
        `${condition.variable} value ${JSON.stringify(value)} is not a ${expectedType === 'aws_vpc' ? 'VPC ID (vpc-...)' : 'VPC endpoint ID (vpce-...)'}`,
      );
    }
  }
  for (const reference of values.references) {
    if (!reference.resolved) continue;
    const type = /(?:^|\.)([a-z0-9_]+)\.[^.]+$/.exec(reference.address)?.[1];
    const isData = /(?:^|\.)data\.[^.]+\.[^.]+$/.test(reference.address);
    if (
      type !== expectedType ||
      isData ||
      (reference.attribute !== undefined && reference.attribute !== 'id')
    ) {
      problems.push(
        `${condition.variable} takes its value from ${reference.address}${reference.attribute ? `.${reference.attribute}` : ''}, which is not the id of an ${expectedType}`,
      );
    }
  }
  if (values.opaque) {
    problems.push(
      `${condition.variable} values are unknown until apply and their expression names no resource to check`,
    );
  }
  return problems;
}

export interface SourceDeny {
  readonly statement: PolicyStatement;
  readonly condition: PolicyCondition;
}

/** Deny statements on execute-api:Invoke for everyone when the source endpoint or VPC does not match. */
export function sourceDenies(statements: readonly PolicyStatement[]): readonly SourceDeny[] {
  const out: SourceDeny[] = [];
  for (const statement of statements) {
    if (
      effectOf(statement) !== 'Deny' ||
      !coversAction(statement, INVOKE) ||
      !isEveryone(statement)
    )
      continue;
    for (const condition of statement.conditions) {
      if (isSourceKey(condition) && NEGATED_TEST.test(condition.test))
        out.push({ statement, condition });
    }
  }
  return out;
}

/** Allow statements on execute-api:Invoke for everyone. */
export function publicAllows(statements: readonly PolicyStatement[]): readonly PolicyStatement[] {
  return statements.filter(
    (s) => effectOf(s) === 'Allow' && coversAction(s, INVOKE) && isEveryone(s),
  );
}

/** True when a condition block restricts nothing: no conditions, or only `*` values. */
export function conditionIsVacuous(statement: PolicyStatement): boolean {
  if (statement.conditions.length === 0) return true;
  return statement.conditions.every(
    (c) =>
      c.values.references.length === 0 &&
      !c.values.opaque &&
      c.values.known.every((v) => v === '*'),
  );
}

/**
 * True when the policy lets execute-api:Invoke through only from named endpoints or VPCs: a
 * well-formed source Deny, or every Allow for everyone carries a positive source condition.
 */
export function restrictsSource(lookup: PolicyLookup): boolean {
  if (lookup.kind !== 'document') return false;
  if (sourceDenies(lookup.statements).some((d) => sourceValueProblems(d.condition).length === 0))
    return true;
  if (lookup.incomplete) return false;
  const allows = lookup.statements.filter(
    (s) => effectOf(s) === 'Allow' && coversAction(s, INVOKE),
  );
  return (
    allows.length > 0 &&
    allows.every((s) =>
      s.conditions.some(
        (c) => isSourceKey(c) && POSITIVE_TEST.test(c.test) && sourceValueProblems(c).length === 0,
      ),
    )
  );
}

/** `statement "Sid" allows execute-api:Invoke to * (principal ...)`, for messages. */
export function describeStatement(statement: PolicyStatement, index: number): string {
  const principals = (statement.principals ?? [])
    .map((p) =>
      p.type === '*' ? describeValues(p.identifiers) : `${p.type} ${describeValues(p.identifiers)}`,
    )
    .join(', ');
  const to =
    principals ||
    (statement.notPrincipals?.length ? 'everyone but a NotPrincipal' : 'no principal');
  return `${statementLabel(statement, index)} (${effectOf(statement)} ${describeValues(statement.actions)} to ${to})`;
}
