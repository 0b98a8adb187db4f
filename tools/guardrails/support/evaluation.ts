/**
 * Turns a policy read from a plan into a document the evaluator of tools/policy can judge: values
 * known only after apply become placeholders, and the finding says which. Verdicts come from the
 * evaluator (firstBreach), not from here.
 */
import {
  Breach,
  describeBreach,
  firstBreach,
  NamedPolicy,
  placeholderFor,
  PolicyLookup,
  Probe,
  AccessPolicies,
  toPolicyDocument,
  Whereabouts,
} from '@apigw-private/tools/policy';
import type { Plan } from '../engine/plan';

export interface Evaluable {
  readonly policy: NamedPolicy;
  /** `aws_vpc_endpoint.x.id = vpce-0...`: placeholders used for values unknown until apply. */
  readonly placeholders: readonly string[];
  /** Values neither known nor replaceable; the document leaves them out. */
  readonly unresolved: readonly string[];
}

/** The lookup as a named policy document; undefined when it holds no readable document. */
export function evaluable(
  plan: Plan,
  lookup: PolicyLookup,
  name: string,
  where: Whereabouts,
): Evaluable | undefined {
  if (lookup.kind !== 'document') return undefined;
  const placeholders = new Set<string>();
  const { policy, unresolved } = toPolicyDocument(lookup, (reference) => {
    const value = placeholderFor(plan, reference, where);
    const known = plan.instances(reference.address)[0]?.str(reference.attribute ?? '');
    if (value !== undefined && known === undefined)
      placeholders.add(`${reference.address}.${reference.attribute} = ${value}`);
    return value;
  });
  return { policy: { name, policy }, placeholders: [...placeholders].sort(), unresolved };
}

/** What a finding adds about placeholders and unreadable parts, or '' when there were none. */
export function evaluationNote(...items: readonly (Evaluable | undefined)[]): string {
  const placeholders = [...new Set(items.flatMap((e) => e?.placeholders ?? []))];
  const unresolved = [...new Set(items.flatMap((e) => e?.unresolved ?? []))];
  const parts: string[] = [];
  if (placeholders.length > 0)
    parts.push(
      `evaluated with placeholders for values unknown until apply: ${placeholders.join('; ')}`,
    );
  if (unresolved.length > 0)
    parts.push(`left out values that cannot be read from the plan: ${unresolved.join('; ')}`);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

/** Asks the probes; the breach found, described for a message, or undefined. */
export async function breachOf(
  probes: readonly Probe[],
  policies: AccessPolicies,
): Promise<{ readonly breach: Breach; readonly text: string } | undefined> {
  const breach = await firstBreach(probes, policies);
  return breach ? { breach, text: describeBreach(breach) } : undefined;
}
