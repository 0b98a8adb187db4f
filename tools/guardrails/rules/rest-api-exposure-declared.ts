import type { PlanRule, Violation } from '../engine/rule';
import { EXPOSURE_TAG, exposureOf, isPrivateType, endpointTypes } from '../support/rest-api';

export const restApiExposureDeclared: PlanRule = {
  scope: 'plan',
  id: 'APIGW-PRIVATE-005',
  description: `A REST API that is not PRIVATE says so with a tag ${EXPOSURE_TAG}=public.`,
  reason:
    'Public APIs should be public on purpose: the tag makes the intent visible to reviewers and lets APIGW-PRIVATE-001 catch an API that was meant to be private.',
  level: 'warning',
  anchors: ['KICS 6b2739db-9c49-4db7-b980-7816e0c248c1'],
  resourceTypes: ['aws_api_gateway_rest_api'],
  check(plan) {
    const out: Violation[] = [];
    for (const api of plan.ofType('aws_api_gateway_rest_api')) {
      const exposure = exposureOf(api);
      if (exposure.intent !== 'undeclared' || isPrivateType(api)) continue;
      const invalid =
        exposure.tag !== undefined
          ? ` (tag ${EXPOSURE_TAG}=${JSON.stringify(exposure.tag)} is neither private nor public)`
          : '';
      out.push({
        address: api.address,
        message: `REST API ${api.address} has endpoint type ${endpointTypes(api).join(', ') || 'unknown'} and does not declare its exposure${invalid}.`,
        fix: `Tag it ${EXPOSURE_TAG} = "public" if it is public by design, or make it PRIVATE and tag it ${EXPOSURE_TAG} = "private".`,
      });
    }
    return out;
  },
};
