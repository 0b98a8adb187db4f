import type { PlanRule, Violation } from '../engine/rule';
import { isPrivateType, restApiOf, restApiPolicy, restrictsSource } from '../support/rest-api';

export const restMethodAuthorization: PlanRule = {
  scope: 'plan',
  id: 'APIGW-AUTH-001',
  description:
    'REST API methods use authorization other than NONE, except OPTIONS and methods of a PRIVATE API whose resource policy restricts the source endpoint or VPC.',
  reason:
    'A method without authorization is open to every caller that can reach it; for a private API the resource policy limiting aws:SourceVpce/aws:SourceVpc is the minimum network control.',
  level: 'error',
  anchors: ['checkov CKV_AWS_59', 'cdk-nag AwsSolutions-APIG4'],
  resourceTypes: ['aws_api_gateway_method', 'aws_api_gateway_rest_api'],
  check(plan) {
    const out: Violation[] = [];
    for (const method of plan.ofType('aws_api_gateway_method')) {
      const authorization = method.str('authorization');
      const verb = method.str('http_method');
      if (authorization !== 'NONE' || verb === 'OPTIONS') continue;
      const api = restApiOf(plan, method);
      let why: string;
      if (!api) {
        why = 'its REST API is not in this plan, so its endpoint type and policy cannot be checked';
      } else if (!isPrivateType(api)) {
        why = `its REST API ${api.address} is not PRIVATE`;
      } else if (!restrictsSource(restApiPolicy(plan, api).lookup)) {
        why = `the resource policy of ${api.address} does not restrict aws:SourceVpce or aws:SourceVpc`;
      } else {
        continue;
      }
      out.push({
        address: method.address,
        message: `Method ${method.address} (${verb ?? '?'}) has authorization NONE and ${why}.`,
        fix: 'Set authorization = "AWS_IAM" (or CUSTOM / COGNITO_USER_POOLS with an authorizer), or make the API PRIVATE with a resource policy that denies other sources.',
      });
    }
    return out;
  },
};
