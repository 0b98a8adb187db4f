/** The state of one walk: the steps taken so far; a refused or unfollowable step ends it. */
import type { CallStep } from '@apigw-private/constructs/calls/declaration';
import type { PlanResource } from '@apigw-private/tools/tfjson';
import { Backend, Stop, StepResult } from './model';
import type { StackView } from './stack';

export class Walk {
  readonly steps: StepResult[] = [];
  backend?: Backend;

  constructor(readonly view: StackView) {}

  /** The call is answered by `resource`: the walk ends there. */
  answer(
    kind: Backend['kind'],
    resource: { readonly address: string; readonly constructPath?: string },
  ): { readonly kind: 'backend' } {
    this.backend = { kind, address: resource.address, constructPath: resource.constructPath };
    return { kind: 'backend' };
  }

  /** Records a step; a `fail` or `unknown` step stops the walk. */
  record(result: StepResult): StepResult {
    this.steps.push(result);
    if (result.status !== 'pass') throw new Stop(result);
    return result;
  }

  pass(step: CallStep, address: string, detail: string, from?: string, to?: string): void {
    this.record({ step, status: 'pass', address, detail, from, to });
  }

  fail(step: CallStep, address: string, detail: string): never {
    this.record({ step, status: 'fail', address, detail });
    throw new Error('unreachable');
  }

  /** The walk cannot follow `address`: it says so instead of guessing. */
  unknown(step: CallStep, address: string, detail: string): never {
    this.record({ step, status: 'unknown', address, detail: `cannot follow: ${detail}` });
    throw new Error('unreachable');
  }

  /** The only element of `list`, or a stop naming what was looked for. */
  one<T extends PlanResource>(step: CallStep, list: readonly T[], what: string, at: string): T {
    if (list.length === 1) return list[0];
    if (list.length === 0) this.fail(step, at, `no ${what}`);
    return this.unknown(
      step,
      at,
      `${list.length} candidates for ${what} (${list.map((r) => r.address).join(', ')}); name one in the call`,
    );
  }
}
