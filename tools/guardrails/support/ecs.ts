import { isArray, isObject, Json, JsonObject } from '@apigw-private/tools/tfjson';
import type { Plan, PlanResource } from '../engine/plan';
import type { Violation } from '../engine/rule';

export type ContainerDefinitions =
  | { readonly kind: 'known'; readonly containers: readonly JsonObject[] }
  | { readonly kind: 'unreadable'; readonly reason: string };

/** The container definitions of a task definition, parsed from the JSON string. */
export function containerDefinitions(task: PlanResource): ContainerDefinitions {
  const text = task.str('container_definitions');
  if (text === undefined) {
    return {
      kind: 'unreadable',
      reason: task.isUnknown('container_definitions')
        ? 'container_definitions is known only after apply (it interpolates a value created in the same plan)'
        : 'container_definitions is not set',
    };
  }
  try {
    const parsed = JSON.parse(text) as Json;
    if (!isArray(parsed))
      return { kind: 'unreadable', reason: 'container_definitions is not a JSON array' };
    return { kind: 'known', containers: parsed.filter(isObject) };
  } catch (error) {
    return {
      kind: 'unreadable',
      reason: `container_definitions is not valid JSON (${(error as Error).message})`,
    };
  }
}

export function containerName(container: JsonObject, index: number): string {
  return typeof container.name === 'string' ? container.name : `#${index + 1}`;
}

/**
 * Runs `check` on every container of every task definition; a definition that cannot be read is a
 * violation of the rule too (it cannot be shown to comply).
 */
export function checkContainers(
  plan: Plan,
  ruleSubject: string,
  check: (task: PlanResource, container: JsonObject, name: string) => Violation | undefined,
): readonly Violation[] {
  const out: Violation[] = [];
  for (const task of plan.ofType('aws_ecs_task_definition')) {
    const definitions = containerDefinitions(task);
    if (definitions.kind === 'unreadable') {
      out.push({
        address: task.address,
        message: `Task definition ${task.address}: ${ruleSubject} cannot be checked: ${definitions.reason}.`,
        fix: 'Build container_definitions from values known at plan time (log group name, image URI, Region), or suppress this rule with a reason.',
      });
      continue;
    }
    definitions.containers.forEach((container, i) => {
      const violation = check(task, container, containerName(container, i));
      if (violation) out.push(violation);
    });
  }
  return out;
}
