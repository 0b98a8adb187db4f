import type { PlanRule, Violation } from '../engine/rule';
import { isStageWide, methodSettingsOf } from '../support/stages';

export const stageCacheEncrypted: PlanRule = {
  scope: 'plan',
  id: 'APIGW-STAGE-006',
  description: 'When a REST stage caches responses, the cache is encrypted.',
  reason:
    'Cached responses hold the data the API returns; an unencrypted cache stores it in clear at rest.',
  level: 'error',
  anchors: ['checkov CKV_AWS_308', 'AWS FSBP APIGateway.5'],
  resourceTypes: ['aws_api_gateway_stage', 'aws_api_gateway_method_settings'],
  check(plan) {
    const out: Violation[] = [];
    for (const ms of plan.ofType('aws_api_gateway_method_settings')) {
      if (
        ms.bool('settings.0.caching_enabled') !== true ||
        ms.bool('settings.0.cache_data_encrypted') === true
      )
        continue;
      out.push({
        address: ms.address,
        message: `Method settings ${ms.address} (methods ${ms.str('method_path') ?? '?'}) have caching_enabled = true and cache_data_encrypted = ${ms.bool('settings.0.cache_data_encrypted') ?? 'not set (false)'}; allowed: true.`,
        fix: 'Set settings { cache_data_encrypted = true }.',
      });
    }
    for (const stage of plan.ofType('aws_api_gateway_stage')) {
      if (stage.bool('cache_cluster_enabled') !== true) continue;
      const encrypted = methodSettingsOf(plan, stage).some(
        (ms) => isStageWide(ms) && ms.bool('settings.0.cache_data_encrypted') === true,
      );
      if (encrypted) continue;
      out.push({
        address: stage.address,
        message: `REST stage ${stage.address} has cache_cluster_enabled = true but no method settings for "*/*" with cache_data_encrypted = true.`,
        fix: 'Add aws_api_gateway_method_settings { method_path = "*/*", settings { cache_data_encrypted = true } } for the stage, or turn the cache off.',
      });
    }
    return out;
  },
};
