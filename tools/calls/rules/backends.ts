/**
 * Backend port step: does the target listen where traffic is sent?
 * - ECS: the load balancer sends to the container port of the named container, which must be one
 *   of its task definition's port mappings.
 *   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-load-balancing.html
 *   https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html
 * - EC2 and Auto Scaling: the target group (or attachment) port must be the port the instance's
 *   software listens on; the verifier reads it from the user data that starts the server.
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-register-targets.html
 */
import type { PlanResource } from '@apigw-private/tools/tfjson';
import { isArray, isObject, Json } from '@apigw-private/tools/tfjson';
import type { StackView } from '../stack';
import type { Walk } from '../walk-state';
import { Place, placeOf } from './endpoints';

/** Where an ECS service's tasks (awsvpc) receive traffic: its subnets and security groups. */
export function tasksPlace(view: StackView, service: PlanResource): Place {
  return placeOf(
    view,
    'ECS tasks',
    service,
    ['network_configuration.0.subnets'],
    ['network_configuration.0.security_groups'],
  );
}

/** The container definitions of a task definition, from its value or its synthesized template. */
function containers(task: PlanResource): readonly Json[] | undefined {
  const text =
    task.str('container_definitions') ?? task.expression('container_definitions')?.template;
  if (typeof text !== 'string') return undefined;
  try {
    const parsed = JSON.parse(text) as Json;
    return isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function ecsPortStep(
  walk: Walk,
  service: PlanResource,
  containerName: string | undefined,
  port: number,
): void {
  const view: StackView = walk.view;
  const task = view.refs(service, 'task_definition', ['aws_ecs_task_definition'])[0];
  if (!task)
    walk.unknown('backend-port', service.address, 'its task definition is not in the stack');
  const list = containers(task);
  if (!list)
    walk.unknown('backend-port', task.address, 'its container definitions cannot be read at synth');
  const named = list
    .filter(isObject)
    .filter((c) => containerName === undefined || c.name === containerName);
  const ports = named
    .flatMap((c) => (isArray(c.portMappings) ? c.portMappings : []))
    .filter(isObject);
  const listening = ports
    .map((p) => p.containerPort)
    .filter((p): p is number => typeof p === 'number');
  if (!listening.includes(port))
    walk.fail(
      'backend-port',
      task.address,
      `container ${containerName ?? '(any)'} maps ports ${listening.join(', ') || 'none'}, not ${port}`,
    );
  walk.pass(
    'backend-port',
    task.address,
    `container ${containerName ?? named[0]?.name} listens on ${port}`,
    'target',
    'target',
  );
}

function decodeUserData(resource: PlanResource): string | undefined {
  const raw = resource.str('user_data') ?? resource.str('user_data_base64');
  if (raw === undefined) return undefined;
  const decoded = Buffer.from(raw, 'base64').toString('utf8');
  return /[\x00-\x08]/.test(decoded) ||
    Buffer.from(decoded, 'utf8').toString('base64') !== raw.replace(/\s/g, '')
    ? raw
    : decoded;
}

export function instancePortStep(walk: Walk, holder: PlanResource, port: number): void {
  const view = walk.view;
  const template =
    holder.type === 'aws_autoscaling_group' || holder.type === 'aws_instance'
      ? view.refs(holder, 'launch_template.0.id', ['aws_launch_template'])[0]
      : undefined;
  const script = decodeUserData(holder) ?? (template ? decodeUserData(template) : undefined);
  const source = template && !decodeUserData(holder) ? template : holder;
  if (script === undefined)
    walk.unknown(
      'backend-port',
      source.address,
      `no user data tells which port the instances listen on (traffic goes to ${port})`,
    );
  // `python3 -m http.server 8080`, `--port 8080`, `listen 8080`, `PORT=8080`, `("", 8080)`.
  const patterns = [
    /(?:http\.server|--port[ =]|-p |listen |PORT=)\s*(\d{2,5})\b/g,
    /\(\s*["'][^"']*["']\s*,\s*(\d{2,5})\s*\)/g,
  ];
  const mentioned = patterns.flatMap((p) => [...script.matchAll(p)].map((m) => Number(m[1])));
  if (!mentioned.includes(port))
    walk.fail(
      'backend-port',
      source.address,
      `the user data starts a server on ${mentioned.join(', ') || 'no port it names'}, but traffic goes to ${port}`,
    );
  walk.pass(
    'backend-port',
    source.address,
    `the user data starts a server on ${port}`,
    'target',
    'target',
  );
}
