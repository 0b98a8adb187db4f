/**
 * Where suppressions live in a synthesized cdk.tf.json: inside the `//` comment object that cdktf
 * writes on every resource (Terraform ignores `//` keys in JSON configuration), next to cdktf's own
 * `metadata`:
 *
 *   "aws_lb": { "internal": { "//": { "metadata": {...}, "guardrails": { "suppressions": {
 *     "ELB-002": "Short-lived test stack: destroyed after every run" } } } } }
 *
 * Shared by the cdktf helper (suppress.ts) and the engine; imports nothing.
 */
export const COMMENT_KEY = '//';
export const GUARDRAILS_KEY = 'guardrails';
export const SUPPRESSIONS_KEY = 'suppressions';

/** Rule IDs: upper-case words joined by dashes, ending in a number (`ELB-002`, `APIGW-PRIVATE-001`). */
export const RULE_ID_PATTERN = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-\d{3}$/;

/** A reason must say something, as cdk-nag requires: at least this many characters. */
export const MIN_REASON_LENGTH = 10;
