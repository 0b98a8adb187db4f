import type { PlanRule } from '../engine/rule';
import { checkContainers } from '../support/ecs';

export const ecsReadOnlyRoot: PlanRule = {
  scope: 'plan',
  id: 'ECS-003',
  description: 'ECS containers have a read-only root filesystem.',
  reason:
    'A writable root filesystem lets an attacker persist tools and change binaries inside the running container.',
  level: 'error',
  anchors: ['checkov CKV_AWS_336', 'AWS FSBP ECS.5'],
  resourceTypes: ['aws_ecs_task_definition'],
  check(plan) {
    return checkContainers(plan, 'the root filesystem setting', (task, container, name) =>
      container.readonlyRootFilesystem === true
        ? undefined
        : {
            address: task.address,
            message: `Task definition ${task.address}: container ${name} has readonlyRootFilesystem = ${container.readonlyRootFilesystem === undefined ? 'not set (false)' : JSON.stringify(container.readonlyRootFilesystem)}; allowed: true.`,
            fix: 'Set readonlyRootFilesystem = true and mount a volume (or tmpfs) for the paths the application writes.',
          },
    );
  },
};
