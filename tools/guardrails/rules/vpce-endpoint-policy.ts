import { coversAction, effectOf, isEveryone, policyOf } from '@apigw-private/tools/policy';
import type { PlanRule, Violation } from '../engine/rule';
import { executeApiEndpoints } from '../support/endpoints';

export const vpceEndpointPolicy: PlanRule = {
  scope: 'plan',
  id: 'APIGW-VPCE-003',
  description: 'An execute-api VPC endpoint has an endpoint policy narrower than full access.',
  reason:
    'The default endpoint policy allows any principal to call any API in any account through the endpoint; a policy naming your APIs stops the endpoint being used to reach others (data exfiltration).',
  level: 'error',
  anchors: ['AWS docs: VPC endpoint policies for private APIs'],
  resourceTypes: ['aws_vpc_endpoint', 'aws_vpc_endpoint_policy'],
  check(plan) {
    const out: Violation[] = [];
    for (const endpoint of executeApiEndpoints(plan)) {
      const holders = [
        ...(endpoint.isConfigured('policy') ? [endpoint] : []),
        ...plan.referrers(endpoint, 'aws_vpc_endpoint_policy', 'vpc_endpoint_id'),
      ];
      if (holders.length === 0) {
        out.push({
          address: endpoint.address,
          message: `execute-api endpoint ${endpoint.address} has no endpoint policy (no policy attribute, no aws_vpc_endpoint_policy); the default allows full access.`,
          fix: 'Add an aws_vpc_endpoint_policy (or policy attribute) allowing execute-api:Invoke on the ARNs of the APIs this endpoint serves.',
        });
        continue;
      }
      for (const holder of holders) {
        const lookup = policyOf(plan, holder, 'policy');
        if (lookup.kind !== 'document') continue;
        const fullAccess = lookup.statements.find(
          (s) =>
            effectOf(s) === 'Allow' &&
            isEveryone(s) &&
            s.conditions.length === 0 &&
            s.actions.known.includes('*') &&
            s.resources.known.includes('*'),
        );
        if (fullAccess && coversAction(fullAccess, 'execute-api:Invoke')) {
          out.push({
            address: holder.address,
            message: `The endpoint policy of ${endpoint.address} (${lookup.from}) allows action * on resource * to principal * without a condition, which is the default full-access policy.`,
            fix: 'Allow only execute-api:Invoke on the execution ARNs of the APIs this endpoint serves.',
          });
        }
      }
    }
    return out;
  },
};
