import type { PlanRule, Violation } from '../engine/rule';
import { TARGET_GROUP_TYPES } from '../support/links';

export const targetGroupHealthCheck: PlanRule = {
  scope: 'plan',
  id: 'ELB-007',
  description:
    'Target groups define an enabled health check (with a path when it is HTTP or HTTPS).',
  reason:
    'Without a real health check the load balancer keeps sending traffic to failed targets, and Route 53 failover that relies on target health never fires.',
  level: 'error',
  anchors: ['checkov CKV_AWS_261'],
  resourceTypes: [...TARGET_GROUP_TYPES],
  check(plan) {
    const out: Violation[] = [];
    for (const group of plan.ofType(...TARGET_GROUP_TYPES)) {
      if (group.str('target_type') === 'lambda') continue;
      const problems: string[] = [];
      if (!group.isConfigured('health_check')) {
        problems.push(
          'has no health_check block (the defaults were never chosen for this service)',
        );
      } else if (group.bool('health_check.0.enabled') === false) {
        problems.push('has health_check.enabled = false');
      } else {
        const protocol = group.str('health_check.0.protocol') ?? group.str('protocol');
        if (
          (protocol === 'HTTP' || protocol === 'HTTPS') &&
          !group.isConfigured('health_check.0.path')
        ) {
          problems.push(`has an ${protocol} health check without a path`);
        }
      }
      if (problems.length === 0) continue;
      out.push({
        address: group.address,
        message: `Target group ${group.address} ${problems.join('; ')}.`,
        fix: 'Add health_check { enabled = true, protocol = "HTTP", path = "/health" (or "/ping"), matcher = "200" } (protocol TCP for TCP services).',
      });
    }
    return out;
  },
};
