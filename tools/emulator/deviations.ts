// The second plan after apply must be empty. Where moto answers differently from AWS and no patch
// completes it, the attribute and the reason are declared here; the report lists every use. An
// entry may only cover an in-place update of the attribute named: a replacement, a create or a
// destroy is always a change, and so is any other attribute of the same resource.

export interface Deviation {
  /** Resource type, e.g. `aws_lambda_function`. */
  readonly type: string;
  /** Top-level attribute whose difference moto causes. */
  readonly attribute: string;
  /** Why moto differs and why AWS would not show this change. */
  readonly reason: string;
}

export const DEVIATIONS: readonly Deviation[] = [];

export interface PlannedChange {
  readonly address: string;
  readonly actions: readonly string[];
  /** Top-level attributes that differ between the state and the plan. */
  readonly attributes: readonly string[];
  /** What the state holds and what the plan wants, per attribute (`(known after apply)` if unknown). */
  readonly values: Readonly<Record<string, { readonly state: unknown; readonly planned: unknown }>>;
}

export interface DeviationUse {
  readonly address: string;
  readonly attribute: string;
  readonly reason: string;
}

interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly mode: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before: Record<string, unknown> | null;
    readonly after: Record<string, unknown> | null;
    readonly after_unknown?: Record<string, unknown>;
  };
}

export interface PlanJson {
  readonly resource_changes?: readonly ResourceChange[];
}

/** Top-level attributes whose planned value differs from the state (unknown counts as differing). */
function changedAttributes(change: ResourceChange['change']): string[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const unknown = change.after_unknown ?? {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(unknown)]);
  return [...keys]
    .filter((k) => unknown[k] === true || JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .sort();
}

/** Splits the second plan into real changes and declared emulator deviations. */
export function judgeSecondPlan(
  plan: PlanJson,
  declared: readonly Deviation[] = DEVIATIONS,
): { changes: PlannedChange[]; deviations: DeviationUse[] } {
  const changes: PlannedChange[] = [];
  const deviations: DeviationUse[] = [];
  for (const rc of plan.resource_changes ?? []) {
    const actions = rc.change.actions;
    if (rc.mode !== 'managed' || actions.every((a) => a === 'no-op' || a === 'read')) continue;
    const attributes = changedAttributes(rc.change);
    const covering = attributes.map((a) =>
      declared.find((d) => d.type === rc.type && d.attribute === a),
    );
    if (actions.length === 1 && actions[0] === 'update' && covering.every((d) => d !== undefined)) {
      covering.forEach((d, i) =>
        deviations.push({ address: rc.address, attribute: attributes[i], reason: d?.reason ?? '' }),
      );
    } else {
      const before = rc.change.before ?? {};
      const after = rc.change.after ?? {};
      const unknown = rc.change.after_unknown ?? {};
      const values = Object.fromEntries(
        attributes.map((a) => [
          a,
          { state: before[a], planned: unknown[a] === true ? '(known after apply)' : after[a] },
        ]),
      );
      changes.push({ address: rc.address, actions, attributes, values });
    }
  }
  return { changes, deviations };
}
