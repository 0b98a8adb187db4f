import type { CallDeclaration, CallStep } from '@apigw-private/constructs/calls/declaration';

/** One step of a walked request path, in the manner of a Reachability Analyzer explanation. */
export interface StepResult {
  readonly step: CallStep;
  /** `pass`: the step lets the call through; `fail`: it refuses it; `unknown`: cannot follow. */
  readonly status: 'pass' | 'fail' | 'unknown';
  /** Terraform address of the resource that decides (or that could not be followed). */
  readonly address: string;
  /** What the step found, in one sentence. */
  readonly detail: string;
  /** Who this hop goes from and to, for sequence diagrams (`client`, `endpoint`, `api`...). */
  readonly from?: string;
  readonly to?: string;
}

export interface Backend {
  readonly kind: 'mock' | 'lambda' | 'ecs' | 'asg' | 'instance' | 'ip' | 'http' | 'aws-service';
  readonly address: string;
  readonly constructPath?: string;
}

export interface CallResult {
  readonly call: CallDeclaration;
  readonly steps: readonly StepResult[];
  /** The backend that answers, when every step passed. */
  readonly backend?: Backend;
  /** The first step that refused or could not be followed. */
  readonly stoppedAt?: StepResult;
  /** True when the outcome is the declared expectation. */
  readonly ok: boolean;
  /** One line: the outcome against the expectation. */
  readonly summary: string;
}

/** Thrown inside a walk when a step refuses the call or cannot follow it. */
export class Stop extends Error {
  constructor(readonly result: StepResult) {
    super(`${result.step}: ${result.detail}`);
  }
}
