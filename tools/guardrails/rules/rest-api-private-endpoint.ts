import type { PlanRule, Violation } from '../engine/rule';
import { endpointTypes, EXPOSURE_TAG, exposureOf } from '../support/rest-api';

export const restApiPrivateEndpoint: PlanRule = {
  scope: 'plan',
  id: 'APIGW-PRIVATE-001',
  description: 'A REST API meant to be private has endpoint type PRIVATE.',
  reason:
    'A REGIONAL or EDGE endpoint is reachable from the internet; only a PRIVATE endpoint confines the API to interface VPC endpoints.',
  level: 'error',
  anchors: [
    'KICS 6b2739db-9c49-4db7-b980-7816e0c248c1 (API Gateway Endpoint Config is Not Private)',
  ],
  resourceTypes: ['aws_api_gateway_rest_api'],
  check(plan) {
    const out: Violation[] = [];
    for (const api of plan.ofType('aws_api_gateway_rest_api')) {
      const exposure = exposureOf(api);
      if (exposure.intent !== 'private') continue;
      const types = endpointTypes(api);
      if (types.length === 1 && types[0] === 'PRIVATE') continue;
      out.push({
        address: api.address,
        message: `REST API ${api.address} is meant to be private (${exposure.because}) but its endpoint types are ${types.length > 0 ? types.join(', ') : 'unknown until apply'}; allowed: PRIVATE only.`,
        fix: `Set endpoint_configuration { types = ["PRIVATE"], vpc_endpoint_ids = [<execute-api endpoint ids>] }, or tag the API ${EXPOSURE_TAG}=public if it is public by design.`,
      });
    }
    return out;
  },
};
