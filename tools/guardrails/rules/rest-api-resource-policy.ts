import type { PlanRule, Violation } from '../engine/rule';
import { privateApis, restApiPolicy } from '../support/rest-api';

export const restApiResourcePolicy: PlanRule = {
  scope: 'plan',
  id: 'APIGW-PRIVATE-002',
  description: 'Every private REST API has a resource policy.',
  reason:
    'API Gateway rejects every call to a private API without a resource policy, and the policy is the only place that names which endpoints and VPCs may invoke it.',
  level: 'error',
  anchors: ['checkov CKV_AWS_59', 'AWS docs: private APIs require a resource policy'],
  resourceTypes: ['aws_api_gateway_rest_api', 'aws_api_gateway_rest_api_policy'],
  check(plan) {
    const out: Violation[] = [];
    for (const api of privateApis(plan)) {
      if (restApiPolicy(plan, api).lookup.kind !== 'absent') continue;
      out.push({
        address: api.address,
        message: `Private REST API ${api.address} has no resource policy (no policy attribute and no aws_api_gateway_rest_api_policy for it).`,
        fix: 'Set policy = data.aws_iam_policy_document.<name>.json with an Allow on execute-api:Invoke conditioned on aws:SourceVpce and a Deny when aws:SourceVpce does not match.',
      });
    }
    return out;
  },
};
