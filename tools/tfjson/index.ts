/**
 * The one Terraform JSON reader of the workspace: synthesized cdk.tf.json and plan.json read into
 * one model (resources, planned values, configuration expressions with references resolved across
 * modules, providers, construct paths). Plan tests, guardrails, diagrams, the request-path
 * verifier and the emulator harness all read stacks through it.
 */
export * from './address';
export * from './document';
export * from './json';
export type * from './plan-json';
export * from './read';
export * from './resource';
export * from './synth';
