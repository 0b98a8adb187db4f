import type { PlanRule, Violation } from '../engine/rule';
import { LISTENER_TYPES, listenerLoadBalancer, loadBalancerType } from '../support/links';

export const albListenerHttps: PlanRule = {
  scope: 'plan',
  id: 'ELB-006',
  description:
    'Application Load Balancer listeners use HTTPS; a plain HTTP listener only redirects to HTTPS (or is suppressed with a written reason).',
  reason:
    'Plain HTTP leaves requests, tokens and responses readable on the network path between the VPC link or client and the load balancer.',
  level: 'error',
  anchors: ['checkov CKV_AWS_2', 'checkov CKV2_AWS_20', 'AWS FSBP ELB.1'],
  resourceTypes: [...LISTENER_TYPES],
  check(plan) {
    const out: Violation[] = [];
    for (const listener of plan.ofType(...LISTENER_TYPES)) {
      const lb = listenerLoadBalancer(plan, listener);
      if (lb && loadBalancerType(lb) !== 'application') continue;
      const protocol = listener.str('protocol') ?? (lb ? 'HTTP' : undefined);
      if (protocol !== 'HTTP') continue;
      const redirect =
        listener.str('default_action.0.type') === 'redirect' &&
        listener.str('default_action.0.redirect.0.protocol') === 'HTTPS';
      if (redirect) continue;
      out.push({
        address: listener.address,
        message: `HTTP listener ${listener.address} (port ${listener.num('port') ?? '?'}) serves plain HTTP; allowed: HTTPS, or HTTP whose default action redirects to HTTPS.`,
        fix: 'Use protocol = "HTTPS" with a certificate and TLS policy (and tls_config on the API Gateway integration), make the default action a redirect to HTTPS, or suppress ELB-006 with the reason plain HTTP is acceptable here.',
      });
    }
    return out;
  },
};
