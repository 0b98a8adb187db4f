import { getPath, isArray, isObject, Json, PathSegment } from '@apigw-private/tools/tfjson';
import { Plan, PlanResource, Reference } from '@apigw-private/tools/tfjson';

/**
 * IAM policies as the rules read them, whichever way the plan holds them: a literal JSON string
 * (known at plan time), or an `aws_iam_policy_document` data source whose statement blocks are
 * readable from its planned values even while its `json` is unknown. Values unknown until apply
 * (an endpoint ID created in the same plan) are carried as the references of the configuration.
 */

/** The values of one policy element (actions, resources, principal identifiers, condition values). */
export interface ValueSet {
  /** Values known at plan time. */
  readonly known: readonly string[];
  /** Resolved references of the values known only after apply. */
  readonly references: readonly Reference[];
  /** True when some value is unknown and its expression names nothing to follow. */
  readonly opaque: boolean;
  /**
   * The values as written with their `${...}` templates (`${aws_x.y.execution_arn}/*`), when the
   * configuration carries them (synthesized JSON); they give the text around each reference.
   */
  readonly templates?: readonly string[];
}

export interface PolicyPrincipal {
  /** `*`, `AWS`, `Service`, `Federated`, `CanonicalUser`. */
  readonly type: string;
  readonly identifiers: ValueSet;
}

export interface PolicyCondition {
  /** The operator, e.g. `StringNotEquals`. */
  readonly test: string;
  /** The condition key, e.g. `aws:SourceVpce`. */
  readonly variable: string;
  readonly values: ValueSet;
}

export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: string;
  readonly actions: ValueSet;
  readonly notActions: ValueSet;
  readonly resources: ValueSet;
  /** Undefined when the statement has no Principal element. */
  readonly principals?: readonly PolicyPrincipal[];
  readonly notPrincipals?: readonly PolicyPrincipal[];
  readonly conditions: readonly PolicyCondition[];
}

export type PolicyLookup =
  /** No policy is set. */
  | { readonly kind: 'absent' }
  /** Statements are readable; `incomplete` says what part could not be read. */
  | {
      readonly kind: 'document';
      readonly statements: readonly PolicyStatement[];
      /** `literal JSON` or the address of the policy document data source. */
      readonly from: string;
      readonly incomplete?: string;
    }
  /** A policy is set but its statements cannot be read at plan time. */
  | { readonly kind: 'opaque'; readonly from: string; readonly reason: string };

const EMPTY: ValueSet = { known: [], references: [], opaque: false };

function knownSet(values: readonly string[]): ValueSet {
  return { known: values, references: [], opaque: false };
}

function jsonStrings(value: Json | undefined): readonly string[] {
  if (value === undefined || value === null) return [];
  const list = isArray(value) ? value : [value];
  return list.filter((v) => v !== null && !isObject(v) && !isArray(v)).map((v) => String(v));
}

function jsonPrincipals(value: Json | undefined): readonly PolicyPrincipal[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === '*') return [{ type: '*', identifiers: knownSet(['*']) }];
  if (!isObject(value)) return [];
  return Object.entries(value).map(([type, ids]) => ({
    type,
    identifiers: knownSet(jsonStrings(ids)),
  }));
}

function jsonConditions(value: Json | undefined): readonly PolicyCondition[] {
  if (!isObject(value)) return [];
  const out: PolicyCondition[] = [];
  for (const [test, keys] of Object.entries(value)) {
    if (!isObject(keys)) continue;
    for (const [variable, values] of Object.entries(keys)) {
      out.push({ test, variable, values: knownSet(jsonStrings(values)) });
    }
  }
  return out;
}

/** Statements of a policy JSON document; throws when the text is not a policy. */
export function parsePolicyJson(text: string): readonly PolicyStatement[] {
  const document = JSON.parse(text) as Json;
  if (!isObject(document)) throw new Error('the policy is not a JSON object');
  const raw = document.Statement;
  const list = isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  return list.filter(isObject).map((s) => ({
    sid: typeof s.Sid === 'string' ? s.Sid : undefined,
    effect: typeof s.Effect === 'string' ? s.Effect : '',
    actions: knownSet(jsonStrings(s.Action)),
    notActions: knownSet(jsonStrings(s.NotAction)),
    resources: knownSet(jsonStrings(s.Resource)),
    principals: jsonPrincipals(s.Principal),
    notPrincipals: jsonPrincipals(s.NotPrincipal),
    conditions: jsonConditions(s.Condition),
  }));
}

/** One policy element of a data source's statement, known values plus references of unknown ones. */
function valueSet(resource: PlanResource, path: readonly PathSegment[]): ValueSet {
  const known = resource.strings(path);
  const unknown = getPath(resource.unknown, path);
  const someUnknown = unknown === true || (isArray(unknown) && unknown.some((u) => u === true));
  if (!someUnknown) return known.length === 0 ? EMPTY : knownSet(known);
  const references = resource.references(path);
  const expression = resource.expression(path);
  const constants = expression?.hasConstant ? jsonStrings(expression.constant) : [];
  const templates = jsonStrings(expression?.template);
  return {
    known: [...new Set([...known, ...constants])],
    references,
    opaque: references.length === 0 && constants.length === 0,
    ...(templates.length > 0 ? { templates } : {}),
  };
}

function blockCount(resource: PlanResource, path: readonly PathSegment[]): number {
  const value = getPath(resource.values, path);
  return isArray(value) ? value.length : 0;
}

function dataSourcePrincipals(
  resource: PlanResource,
  path: readonly PathSegment[],
): readonly PolicyPrincipal[] | undefined {
  const count = blockCount(resource, path);
  if (count === 0) return undefined;
  return Array.from({ length: count }, (_, j) => ({
    type: resource.str([...path, j, 'type']) ?? '',
    identifiers: valueSet(resource, [...path, j, 'identifiers']),
  }));
}

/** Statements of an `aws_iam_policy_document` data source, read from its planned values. */
export function policyDocumentStatements(
  plan: Plan,
  document: PlanResource,
): { readonly statements: readonly PolicyStatement[]; readonly incomplete?: string } {
  const own: PolicyStatement[] = [];
  const gaps: string[] = [];
  if (document.isUnknown('statement')) {
    gaps.push('its statement blocks are unknown until apply (dynamic blocks over unknown values)');
  }
  const count = blockCount(document, ['statement']);
  for (let i = 0; i < count; i++) {
    const base: readonly PathSegment[] = ['statement', i];
    const conditions: PolicyCondition[] = [];
    const conditionCount = blockCount(document, [...base, 'condition']);
    for (let j = 0; j < conditionCount; j++) {
      conditions.push({
        test: document.str([...base, 'condition', j, 'test']) ?? '',
        variable: document.str([...base, 'condition', j, 'variable']) ?? '',
        values: valueSet(document, [...base, 'condition', j, 'values']),
      });
    }
    own.push({
      sid: document.str([...base, 'sid']) || undefined,
      effect: document.str([...base, 'effect']) ?? 'Allow',
      actions: valueSet(document, [...base, 'actions']),
      notActions: valueSet(document, [...base, 'not_actions']),
      resources: valueSet(document, [...base, 'resources']),
      principals: dataSourcePrincipals(document, [...base, 'principals']),
      notPrincipals: dataSourcePrincipals(document, [...base, 'not_principals']),
      conditions,
    });
  }
  const merged = (attribute: string): readonly PolicyStatement[] => {
    if (document.isUnknown(attribute)) {
      const documents = plan
        .referenced(document, attribute)
        .filter((r) => r.type === 'aws_iam_policy_document');
      if (documents.length === 0) {
        gaps.push(`its ${attribute} are unknown until apply`);
        return [];
      }
      return documents.flatMap((d) => {
        const nested = policyDocumentStatements(plan, d);
        if (nested.incomplete) gaps.push(nested.incomplete);
        return nested.statements;
      });
    }
    return document.strings(attribute).flatMap((text) => {
      try {
        return parsePolicyJson(text);
      } catch {
        gaps.push(`one of its ${attribute} is not valid policy JSON`);
        return [];
      }
    });
  };
  const sources = merged('source_policy_documents');
  const overrides = merged('override_policy_documents');
  // Terraform's order: source documents, then this document's statements, then overrides; a
  // later statement replaces an earlier one with the same Sid.
  const bySid = new Map<string, number>();
  const statements: PolicyStatement[] = [];
  for (const statement of [...sources, ...own, ...overrides]) {
    const at = statement.sid !== undefined ? bySid.get(statement.sid) : undefined;
    if (at !== undefined) {
      statements[at] = statement;
    } else {
      if (statement.sid !== undefined) bySid.set(statement.sid, statements.length);
      statements.push(statement);
    }
  }
  return { statements, incomplete: gaps.length > 0 ? gaps.join('; ') : undefined };
}

/** The policy held by `resource` at `path` (a policy JSON string attribute). */
export function policyOf(
  plan: Plan,
  resource: PlanResource,
  path: string = 'policy',
): PolicyLookup {
  const text = resource.str(path);
  if (text !== undefined) {
    if (text.trim() === '') return { kind: 'absent' };
    // Known at plan time: a literal, or a policy document read during planning.
    const document = resource
      .references(path)
      .find((r) => r.resolved && parseDataType(r.address) === 'aws_iam_policy_document');
    const from = document ? `${document.address}, read at plan time` : 'literal JSON';
    try {
      return { kind: 'document', statements: parsePolicyJson(text), from };
    } catch (error) {
      return {
        kind: 'opaque',
        from,
        reason: `it is not valid policy JSON (${(error as Error).message})`,
      };
    }
  }
  const references = resource.references(path).filter((r) => r.resolved);
  const documents = references.filter(
    (r) =>
      parseDataType(r.address) === 'aws_iam_policy_document' &&
      (r.attribute === 'json' || r.attribute === 'minified_json'),
  );
  if (documents.length > 0) {
    const statements: PolicyStatement[] = [];
    const gaps: string[] = [];
    for (const reference of documents) {
      const document = plan.instances(reference.address)[0];
      if (!document) {
        gaps.push(`${reference.address} is not in the plan`);
        continue;
      }
      const read = policyDocumentStatements(plan, document);
      statements.push(...read.statements);
      if (read.incomplete) gaps.push(`${reference.address}: ${read.incomplete}`);
    }
    if (statements.length === 0 && gaps.length > 0) {
      return {
        kind: 'opaque',
        from: documents.map((d) => d.address).join(', '),
        reason: gaps.join('; '),
      };
    }
    const others = references.filter((r) => !documents.includes(r));
    if (others.length > 0) {
      gaps.push(
        `the policy also uses ${others.map((r) => r.address).join(', ')}, whose part cannot be read`,
      );
    }
    return {
      kind: 'document',
      statements,
      from: documents.map((d) => d.address).join(', '),
      incomplete: gaps.length > 0 ? gaps.join('; ') : undefined,
    };
  }
  if (!resource.isConfigured(path)) return { kind: 'absent' };
  if (resource.isUnknown(path) || resource.references(path).length > 0) {
    return {
      kind: 'opaque',
      from: `${resource.address}.${path}`,
      reason:
        'it is known only after apply and is not built from an aws_iam_policy_document data source, so its statements cannot be read from the plan',
    };
  }
  return { kind: 'absent' };
}

function parseDataType(address: string): string | undefined {
  const match = /(?:^|\.)data\.([^.]+)\.[^.]+$/.exec(address);
  return match?.[1];
}

const ACTION_PATTERNS = new Map<string, RegExp>();

/** True when an IAM action pattern (`execute-api:*`, `*`) covers `action`; case-insensitive. */
export function actionPatternMatches(pattern: string, action: string): boolean {
  let regex = ACTION_PATTERNS.get(pattern);
  if (!regex) {
    regex = new RegExp(
      `^${pattern
        .split('')
        .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
        .join('')}$`,
      'i',
    );
    ACTION_PATTERNS.set(pattern, regex);
  }
  return regex.test(action);
}

/** True when the statement's Action covers `action` (NotAction that leaves it out counts too). */
export function coversAction(statement: PolicyStatement, action: string): boolean {
  if (statement.actions.known.some((p) => actionPatternMatches(p, action))) return true;
  const notActions = statement.notActions;
  const hasNotAction =
    notActions.known.length > 0 || notActions.references.length > 0 || notActions.opaque;
  return hasNotAction && !notActions.known.some((p) => actionPatternMatches(p, action));
}

/** True when the principal is everyone: `"*"`, `{"AWS": "*"}`, or a NotPrincipal. */
export function isEveryone(statement: PolicyStatement): boolean {
  if (statement.notPrincipals && statement.notPrincipals.length > 0) return true;
  return (statement.principals ?? []).some(
    (p) => (p.type === '*' || p.type.toUpperCase() === 'AWS') && p.identifiers.known.includes('*'),
  );
}

/** A statement's effect, normalized. */
export function effectOf(statement: PolicyStatement): 'Allow' | 'Deny' | string {
  const effect = statement.effect.toLowerCase();
  return effect === 'allow' ? 'Allow' : effect === 'deny' ? 'Deny' : statement.effect;
}

/** All values of a set, for messages: known values, then `<address>` of references. */
export function describeValues(values: ValueSet): string {
  const parts = [
    ...values.known,
    ...values.references.map((r) => `<${r.address}${r.attribute ? `.${r.attribute}` : ''}>`),
  ];
  if (values.opaque) parts.push('<unknown until apply>');
  return parts.length === 0 ? '(none)' : parts.join(', ');
}

/** True when a statement says nothing about an element: no known values, references or unknowns. */
export function isEmptySet(values: ValueSet): boolean {
  return values.known.length === 0 && values.references.length === 0 && !values.opaque;
}

/** How messages name a statement: by Sid when it has one, by position otherwise. */
export function statementLabel(statement: PolicyStatement, index: number): string {
  return statement.sid ? `statement ${JSON.stringify(statement.sid)}` : `statement ${index + 1}`;
}
