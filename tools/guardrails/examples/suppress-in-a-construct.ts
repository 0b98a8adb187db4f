import type { TerraformResource } from 'cdktf';
import { suppress } from '@apigw-private/constructs/guardrails/suppress';

/**
 * A construct that lets a test stack turn deletion protection off keeps the exception, and why it
 * is safe, next to the switch.
 */
export function allowDestroy(loadBalancer: TerraformResource, ephemeral: boolean): void {
  if (ephemeral) {
    suppress(
      loadBalancer,
      'ELB-002',
      'Ephemeral test stack: destroyed at the end of every pipeline run',
    );
  }
}
