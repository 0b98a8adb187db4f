/**
 * `suppress()` for cdktf code: re-exported from the construct library, where apps and constructs
 * import it (`@apigw-private/constructs/guardrails/suppress`). See docs/guardrails.md.
 */
export { suppress } from '@apigw-private/constructs/guardrails/suppress';
