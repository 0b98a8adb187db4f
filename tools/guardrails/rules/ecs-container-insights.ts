import type { PlanRule, Violation } from '../engine/rule';
import { isObject } from '@apigw-private/tools/tfjson';

const ALLOWED = ['enabled', 'enhanced'];

export const ecsContainerInsights: PlanRule = {
  scope: 'plan',
  id: 'ECS-006',
  description: 'ECS clusters have Container Insights enabled (enabled or enhanced).',
  reason:
    'Container Insights gives per-service and per-task CPU, memory and network metrics, needed to see a private backend degrade.',
  level: 'error',
  anchors: ['checkov CKV_AWS_65', 'cdk-nag AwsSolutions-ECS4', 'AWS FSBP ECS.12'],
  resourceTypes: ['aws_ecs_cluster'],
  check(plan) {
    return plan.ofType('aws_ecs_cluster').flatMap((cluster): Violation[] => {
      const setting = cluster
        .list('setting')
        .filter(isObject)
        .find((s) => s.name === 'containerInsights');
      const value = typeof setting?.value === 'string' ? setting.value : undefined;
      if (value !== undefined && ALLOWED.includes(value)) return [];
      return [
        {
          address: cluster.address,
          message: `ECS cluster ${cluster.address} has containerInsights ${value ?? 'not set (disabled)'}; allowed: ${ALLOWED.join(' or ')}.`,
          fix: 'Add setting { name = "containerInsights", value = "enhanced" } (or "enabled").',
        },
      ];
    });
  },
};
