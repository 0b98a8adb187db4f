import { getPath, isObject, JsonObject } from '@apigw-private/tools/tfjson';
import type { Plan } from '../engine/plan';

export interface Backend {
  /** `s3`, `local`, `remote`, `cloud`, ... */
  readonly type: string;
  readonly config: JsonObject;
}

/**
 * The backend of a stack, read from the cdk.tf.json next to its plan.json (plan JSON does not
 * hold it); undefined when there is no cdk.tf.json. No backend block means Terraform's local one.
 */
export function backendOf(plan: Plan): Backend | undefined {
  const cdktf = plan.source.cdktf;
  if (!cdktf) return undefined;
  if (isObject(getPath(cdktf, 'terraform.cloud'))) return { type: 'cloud', config: {} };
  const backend = getPath(cdktf, 'terraform.backend');
  if (!isObject(backend)) return { type: 'local', config: {} };
  const [type, config] = Object.entries(backend)[0] ?? ['local', {}];
  return { type, config: isObject(config) ? config : {} };
}

/** Terraform accepts `true` and `"true"` for boolean backend settings. */
export function isOn(value: unknown): boolean {
  return value === true || value === 'true';
}

export const BACKEND_ADDRESS = 'terraform.backend';
