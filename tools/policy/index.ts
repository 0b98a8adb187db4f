/**
 * The one policy module of the workspace: reading IAM policies out of Terraform JSON (literal JSON
 * or `aws_iam_policy_document` data sources) and evaluating requests against them with
 * @cloud-copilot/iam-simulate. The request-path verifier and the guardrails both use it.
 */
export * from './evaluate';
export * from './lookup';
export * from './placeholder';
export * from './probe';
export * from './execute-api';
export * from './actions';
export * from './endpoint-principals';
