import type { PlanRule, Violation } from '../engine/rule';
import { LISTENER_TYPES } from '../support/links';
import { isAllowedElbPolicy } from '../support/tls';

export const lbListenerTls: PlanRule = {
  scope: 'plan',
  id: 'ELB-005',
  description:
    'HTTPS and TLS listeners use an allow-listed TLS 1.2/1.3 security policy and a certificate.',
  reason:
    'Older ELB security policies accept TLS 1.0/1.1 and weak ciphers; a listener that terminates TLS must also present a certificate the clients can verify.',
  level: 'error',
  anchors: ['checkov CKV_AWS_103', 'checkov CKV2_AWS_74', 'trivy AVD-AWS-0047'],
  resourceTypes: [...LISTENER_TYPES, 'aws_lb_listener_certificate'],
  check(plan) {
    const out: Violation[] = [];
    for (const listener of plan.ofType(...LISTENER_TYPES)) {
      const protocol = listener.str('protocol');
      if (protocol !== 'HTTPS' && protocol !== 'TLS') continue;
      const policy = listener.str('ssl_policy');
      const problems: string[] = [];
      if (policy === undefined || !isAllowedElbPolicy(policy)) {
        problems.push(
          `ssl_policy ${policy ?? 'not set (the ELB default of the day applies)'} is not an allowed TLS 1.2+ policy (e.g. ELBSecurityPolicy-TLS13-1-2-2021-06)`,
        );
      }
      const certificate =
        listener.isConfigured('certificate_arn') ||
        plan.referrers(listener, 'aws_lb_listener_certificate', 'listener_arn', ['arn', 'id'])
          .length > 0;
      if (!certificate)
        problems.push('it has no certificate_arn and no aws_lb_listener_certificate');
      if (problems.length === 0) continue;
      out.push({
        address: listener.address,
        message: `${protocol} listener ${listener.address} (port ${listener.num('port') ?? '?'}): ${problems.join('; ')}.`,
        fix: 'Set ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" (or another allow-listed policy, see docs/guardrails.md) and certificate_arn = <ACM certificate>.',
      });
    }
    return out;
  },
};
