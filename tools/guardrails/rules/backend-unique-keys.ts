import type { StackViolation, StacksRule } from '../engine/rule';
import type { Plan } from '../engine/plan';
import { BACKEND_ADDRESS, backendOf } from '../support/backend';

export const backendUniqueKeys: StacksRule = {
  scope: 'stacks',
  id: 'BACKEND-002',
  description:
    'Every stack with an S3 backend has its own state key (bucket and key unique across the checked stacks).',
  reason:
    'Two stacks writing the same state object overwrite each other: the next apply of either destroys the resources of the other.',
  level: 'error',
  anchors: ['Terraform docs: S3 backend key'],
  resourceTypes: ['cdk.tf.json terraform.backend'],
  check(plans) {
    const byKey = new Map<string, Plan[]>();
    for (const plan of plans) {
      const backend = backendOf(plan);
      if (!backend || backend.type !== 's3' || typeof backend.config.key !== 'string') continue;
      const id = `s3://${typeof backend.config.bucket === 'string' ? backend.config.bucket : '?'}/${backend.config.key}`;
      byKey.set(id, [...(byKey.get(id) ?? []), plan]);
    }
    const out: StackViolation[] = [];
    for (const [id, sharing] of byKey) {
      if (sharing.length < 2) continue;
      for (const plan of sharing) {
        const others = sharing.filter((p) => p !== plan).map((p) => p.source.stack);
        out.push({
          stack: plan.source.stack,
          address: `${BACKEND_ADDRESS}.s3`,
          message: `Stack ${plan.source.stack} stores its state at ${id}, which stack${others.length > 1 ? 's' : ''} ${others.join(', ')} also use${others.length > 1 ? '' : 's'}.`,
          fix: 'Give every stack its own key, e.g. <app>/<stack>/terraform.tfstate.',
        });
      }
    }
    return out;
  },
};
