/** One network hop: route there and back, egress from the source, ingress at the destination. */
import type { CallStep } from '@apigw-private/constructs/calls/declaration';
import type { Walk } from '../walk-state';
import type { Place } from './endpoints';
import { networkStep } from './network';
import { securityGroupStep } from './security-groups';

export interface HopSteps {
  /** The step a refused egress is reported as (`client` for the first hop). */
  readonly egress: CallStep;
  /** The step a refused ingress is reported as (`endpoint-sg`, `target-sg`). */
  readonly ingress: CallStep;
}

export function hop(walk: Walk, from: Place, to: Place, port: number, steps: HopSteps): void {
  walk.record(networkStep(walk.view, from, to));
  walk.record(securityGroupStep(walk.view, steps.egress, 'egress', from, to, port));
  walk.record(securityGroupStep(walk.view, steps.ingress, 'ingress', from, to, port));
}
