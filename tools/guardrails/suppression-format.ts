/**
 * The suppression format lives with the construct library, which writes suppressions
 * (`suppress()`); the engine reads them with the same constants. It imports nothing.
 */
export * from '@apigw-private/constructs/guardrails/suppression-format';
