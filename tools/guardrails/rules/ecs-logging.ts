import { isObject } from '@apigw-private/tools/tfjson';
import type { PlanRule } from '../engine/rule';
import { checkContainers } from '../support/ecs';

const DRIVERS = ['awslogs', 'awsfirelens'];

export const ecsLogging: PlanRule = {
  scope: 'plan',
  id: 'ECS-004',
  description:
    'ECS containers send their logs with the awslogs driver (or awsfirelens) to a named log group.',
  reason:
    'Container output is the only application log of a Fargate task; without a log driver it is lost when the task stops.',
  level: 'error',
  anchors: ['cdk-nag AwsSolutions-ECS7', 'AWS FSBP ECS.9'],
  resourceTypes: ['aws_ecs_task_definition'],
  check(plan) {
    return checkContainers(plan, 'the log configuration', (task, container, name) => {
      const config = isObject(container.logConfiguration) ? container.logConfiguration : undefined;
      const driver = typeof config?.logDriver === 'string' ? config.logDriver : undefined;
      const options = isObject(config?.options) ? config?.options : undefined;
      const group = isObject(options) ? options['awslogs-group'] : undefined;
      if (
        driver === 'awsfirelens' ||
        (driver === 'awslogs' && typeof group === 'string' && group !== '')
      )
        return undefined;
      return {
        address: task.address,
        message: `Task definition ${task.address}: container ${name} has ${driver === undefined ? 'no logConfiguration' : driver === 'awslogs' ? 'logDriver awslogs without an awslogs-group option' : `logDriver ${driver}`}; allowed: ${DRIVERS.join(' or ')} (awslogs with awslogs-group).`,
        fix: 'Set logConfiguration = { logDriver = "awslogs", options = { awslogs-group = <log group name>, awslogs-region = <region>, awslogs-stream-prefix = <name> } }.',
      };
    });
  },
};
