import type { PlanRule, Violation } from '../engine/rule';
import { APIGW_TLS_POLICIES, isAllowedApiGatewayPolicy } from '../support/tls';

export const customDomainTls: PlanRule = {
  scope: 'plan',
  id: 'APIGW-TLS-001',
  description:
    'API Gateway custom domain names use security policy TLS_1_2 or a newer TLS 1.2/1.3 policy.',
  reason: 'TLS 1.0 and 1.1 are deprecated and have known weaknesses.',
  level: 'error',
  anchors: ['checkov CKV_AWS_206'],
  resourceTypes: ['aws_api_gateway_domain_name', 'aws_apigatewayv2_domain_name'],
  check(plan) {
    const out: Violation[] = [];
    const domains = [
      ...plan.ofType('aws_api_gateway_domain_name').map((d) => ({ d, path: 'security_policy' })),
      ...plan
        .ofType('aws_apigatewayv2_domain_name')
        .map((d) => ({ d, path: 'domain_name_configuration.0.security_policy' })),
    ];
    for (const { d, path } of domains) {
      const policy = d.str(path);
      if (policy !== undefined && isAllowedApiGatewayPolicy(policy)) continue;
      out.push({
        address: d.address,
        message: `Custom domain ${d.address} (${d.str('domain_name') ?? '?'}) has security_policy ${policy ?? 'not set (the service default applies)'}; allowed: ${APIGW_TLS_POLICIES.join(', ')} or a SecurityPolicy_TLS13_1_2/1_3 policy.`,
        fix: 'Set security_policy = "TLS_1_2".',
      });
    }
    return out;
  },
};
