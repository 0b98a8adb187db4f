/**
 * Load balancer steps: listener, target group, targets and the target's security group.
 * - A listener takes connections on its port and forwards by its default action to a target group.
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-listeners.html
 * - A target group sends to its registered targets on the registration port, or its own port.
 *   ECS services and Auto Scaling groups register their tasks and instances themselves; an ALB
 *   can be the target of an NLB; IP targets outside the VPC need availability zone "all".
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-target-groups.html
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/network/application-load-balancer-target.html
 * - Security groups of an NLB are not evaluated for PrivateLink traffic (a VPC link v1 or an
 *   endpoint service) when enforce_security_group_inbound_rules_on_private_link_traffic is off.
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
 * - An interface endpoint of an endpoint service delivers to the service's NLB on the same port,
 *   with no route between the VPCs. https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html
 */
import type { CallStep } from '@apigw-private/constructs/calls/declaration';
import type { PlanResource } from '@apigw-private/tools/tfjson';
import type { StackView } from '../stack';
import type { Walk } from '../walk-state';
import { instancePortStep, ecsPortStep, tasksPlace } from './backends';
import { isExecuteApiEndpoint, endpointPlace } from './dns';
import { Place, placeOf } from './endpoints';
import { hop } from './hop';
import { instancesPlace } from './client';

export function lbPlace(view: StackView, lb: PlanResource): Place {
  const kind = lb.str('load_balancer_type') === 'application' ? 'ALB' : 'NLB';
  // Named by construct path (`account-serviceA/nlb`), so two load balancers stay apart in reports.
  const path = lb.constructPath
    ?.split('/')
    .slice(1)
    .filter((p) => p !== 'resource')
    .join('/');
  return placeOf(
    view,
    path ? `${kind} ${path}` : kind,
    lb,
    ['subnets', ...lb.list('subnet_mapping').map((_, i) => `subnet_mapping.${i}.subnet_id`)],
    ['security_groups'],
  );
}

/** Where a walk through load balancers ends. */
export type Landing =
  | { readonly kind: 'backend' }
  /** The targets are an execute-api endpoint's addresses: the call enters an API there. */
  | {
      readonly kind: 'execute-api';
      readonly endpoint: PlanResource;
      readonly from: Place;
      readonly port: number;
    };

function endpointBehind(
  view: StackView,
  target: PlanResource,
  depth = 0,
): PlanResource | undefined {
  if (target.type === 'aws_vpc_endpoint' && target.mode === 'managed') return target;
  if (depth > 3) return undefined;
  for (const path of ['id', 'vpc_endpoint_id', 'filter.0.values', 'network_interface_ids'])
    for (const next of view.refs(target, path)) {
      const found = endpointBehind(view, next, depth + 1);
      if (found) return found;
    }
  return undefined;
}

/** Follows an arrival at a load balancer on `port` to the backend (or to an execute-api endpoint). */
export function throughLoadBalancer(
  walk: Walk,
  lb: PlanResource,
  port: number,
  from: Place | 'privatelink',
  egress: CallStep = 'target-sg',
): Landing {
  const view = walk.view;
  const place = lbPlace(view, lb);
  if (from !== 'privatelink') hop(walk, from, place, port, { egress, ingress: 'target-sg' });
  else if (
    place.securityGroups.length > 0 &&
    lb.str('enforce_security_group_inbound_rules_on_private_link_traffic') !== 'off'
  )
    walk.unknown(
      'target-sg',
      lb.address,
      'its security groups apply to PrivateLink traffic and the PrivateLink source addresses are not known at synth',
    );
  const listener = view
    .find('aws_lb_listener')
    .find((l) => view.links(l, 'load_balancer_arn', lb) && l.num('port') === port);
  if (!listener) {
    const ports = view
      .find('aws_lb_listener')
      .filter((l) => view.links(l, 'load_balancer_arn', lb))
      .map((l) => l.num('port'));
    walk.fail(
      'listener',
      lb.address,
      `no listener of ${lb.address} on port ${port} (listeners: ${ports.join(', ') || 'none'})`,
    );
  }
  walk.pass(
    'listener',
    listener.address,
    `${place.label} listener ${listener.str('protocol') ?? ''} ${port}`,
    place.label,
    place.label,
  );
  const groups = [
    ...view.refs(listener, 'default_action.0.target_group_arn', ['aws_lb_target_group']),
    ...view.refs(listener, 'default_action.0.forward.0.target_group.0.arn', [
      'aws_lb_target_group',
    ]),
  ];
  const group = walk.one(
    'target-group',
    groups,
    `target group forwarded to by ${listener.address}`,
    listener.address,
  );
  return throughTargetGroup(walk, group, place);
}

function throughTargetGroup(walk: Walk, group: PlanResource, lb: Place): Landing {
  const view = walk.view;
  const groupPort = group.num('port');
  const attachments = view
    .find('aws_lb_target_group_attachment')
    .filter((a) => view.links(a, 'target_group_arn', group));
  const services = view
    .find('aws_ecs_service')
    .filter((s) =>
      s
        .list('load_balancer')
        .some((_, i) => view.links(s, ['load_balancer', i, 'target_group_arn'], group)),
    );
  const asgs = [
    ...view.find('aws_autoscaling_group').filter((g) => view.links(g, 'target_group_arns', group)),
    ...view
      .find('aws_autoscaling_attachment')
      .filter((a) => view.links(a, 'lb_target_group_arn', group))
      .flatMap((a) => view.refs(a, 'autoscaling_group_name', ['aws_autoscaling_group'])),
  ];
  if (attachments.length + services.length + asgs.length === 0)
    walk.fail('target-group', group.address, `no target is registered in ${group.address}`);
  const type = group.str('target_type') ?? 'instance';
  const detail = `${group.address} (${type}, port ${groupPort ?? '-'})`;
  if (services.length > 0) {
    const service = services[0];
    const binding =
      service
        .list('load_balancer')
        .map((_, i) => i)
        .find((i) => view.links(service, ['load_balancer', i, 'target_group_arn'], group)) ?? 0;
    const containerPort =
      service.num(['load_balancer', binding, 'container_port']) ?? groupPort ?? 0;
    walk.pass(
      'target-group',
      group.address,
      `${detail}: ECS service ${service.address} registers its tasks on ${containerPort}`,
      lb.label,
      'target',
    );
    const tasks = tasksPlace(view, service);
    hop(walk, lb, tasks, containerPort, { egress: 'target-sg', ingress: 'target-sg' });
    ecsPortStep(
      walk,
      service,
      service.str(['load_balancer', binding, 'container_name']),
      containerPort,
    );
    return walk.answer('ecs', service);
  }
  if (asgs.length > 0) {
    const asg = asgs[0];
    const port = groupPort ?? 0;
    walk.pass(
      'target-group',
      group.address,
      `${detail}: Auto Scaling group ${asg.address} registers its instances`,
      lb.label,
      'target',
    );
    hop(walk, lb, instancesPlace(view, asg), port, {
      egress: 'target-sg',
      ingress: 'target-sg',
    });
    instancePortStep(walk, asg, port);
    return walk.answer('asg', asg);
  }
  const attachment = attachments[0];
  const port = attachment.num('port') ?? groupPort ?? 0;
  const target = view.refs(attachment, 'target_id')[0];
  if (!target) {
    walk.pass(
      'target-group',
      group.address,
      `${detail}: registers ${attachment.str('target_id') ?? 'a target'} on ${port}`,
      lb.label,
      'target',
    );
    return walk.answer('ip', attachment);
  }
  if (target.type === 'aws_lb') {
    walk.pass(
      'target-group',
      group.address,
      `${detail}: forwards to the load balancer ${target.address}`,
      lb.label,
      'ALB',
    );
    return throughLoadBalancer(walk, target, port, lb);
  }
  if (target.type === 'aws_lambda_function') {
    walk.pass(
      'target-group',
      group.address,
      `${detail}: invokes ${target.address}`,
      lb.label,
      'target',
    );
    return walk.answer('lambda', target);
  }
  if (target.type === 'aws_instance') {
    walk.pass(
      'target-group',
      group.address,
      `${detail}: registers ${target.address} on ${port}`,
      lb.label,
      'target',
    );
    hop(walk, lb, instancesPlace(view, target), port, {
      egress: 'target-sg',
      ingress: 'target-sg',
    });
    instancePortStep(walk, target, port);
    return walk.answer('instance', target);
  }
  const endpoint = endpointBehind(view, target);
  if (!endpoint)
    return walk.unknown(
      'target-group',
      attachment.address,
      `its target ${target.address} leads to no resource the verifier knows`,
    );
  if (
    type === 'ip' &&
    attachment.str('availability_zone') !== 'all' &&
    !endpointInVpcOf(view, endpoint, group)
  )
    walk.fail(
      'target-group',
      attachment.address,
      `IP target outside the target group's VPC must have availability_zone "all"`,
    );
  walk.pass(
    'target-group',
    group.address,
    `${detail}: registers the addresses of ${endpoint.address} on ${port}`,
    lb.label,
    'endpoint',
  );
  if (isExecuteApiEndpoint(endpoint)) return { kind: 'execute-api', endpoint, from: lb, port };
  return throughServiceEndpoint(walk, endpoint, lb, port);
}

function endpointInVpcOf(view: StackView, endpoint: PlanResource, group: PlanResource): boolean {
  const vpc = view.refs(group, 'vpc_id', ['aws_vpc'])[0];
  return vpc !== undefined && view.links(endpoint, 'vpc_id', vpc);
}

/** An interface endpoint of an endpoint service: its security group, then the service's NLB. */
export function throughServiceEndpoint(
  walk: Walk,
  endpoint: PlanResource,
  from: Place,
  port: number,
): Landing {
  const view = walk.view;
  const place = endpointPlace(view, endpoint, 'PrivateLink endpoint');
  hop(walk, from, place, port, { egress: 'target-sg', ingress: 'target-sg' });
  const service = view.refs(endpoint, 'service_name', ['aws_vpc_endpoint_service'])[0];
  if (!service)
    return walk.unknown(
      'target-group',
      endpoint.address,
      `its service ${endpoint.str('service_name') ?? '(unknown)'} is not an endpoint service of the stack`,
    );
  const lbs = view.refs(service, 'network_load_balancer_arns', ['aws_lb']);
  const lb = walk.one(
    'listener',
    lbs,
    `network load balancer of ${service.address}`,
    service.address,
  );
  walk.pass(
    'listener',
    service.address,
    `PrivateLink: ${endpoint.address} delivers to ${lb.address} through ${service.address}`,
    'PrivateLink endpoint',
    lbPlace(view, lb).label,
  );
  return throughLoadBalancer(walk, lb, port, 'privatelink');
}
