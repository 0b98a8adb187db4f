import type { PlanRule } from '../engine/rule';
import { checkContainers } from '../support/ecs';

export const ecsNotPrivileged: PlanRule = {
  scope: 'plan',
  id: 'ECS-002',
  description: 'ECS containers do not run privileged.',
  reason:
    'A privileged container has root access to the host; a compromise of the application becomes a compromise of the node.',
  level: 'error',
  anchors: ['checkov CKV_AWS_334', 'AWS FSBP ECS.4'],
  resourceTypes: ['aws_ecs_task_definition'],
  check(plan) {
    return checkContainers(plan, 'privileged mode', (task, container, name) =>
      container.privileged === true
        ? {
            address: task.address,
            message: `Task definition ${task.address}: container ${name} has privileged = true; allowed: false.`,
            fix: 'Remove privileged (or set it to false); grant specific linuxParameters capabilities if the container needs them.',
          }
        : undefined,
    );
  },
};
