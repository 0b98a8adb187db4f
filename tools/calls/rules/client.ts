/**
 * Client step: where a call starts. An EC2 instance sends from its subnet with its security
 * groups; a Lambda function reaches a VPC only when it has a VPC configuration, and then sends
 * from network interfaces in those subnets with those groups.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-eni.html
 */
import type { CallSource } from '@apigw-private/constructs/calls/declaration';
import { cidrContains, parseCidr } from '@apigw-private/constructs/config/cidr';
import type { Walk } from '../walk-state';
import type { PlanResource } from '@apigw-private/tools/tfjson';
import type { StackView } from '../stack';
import { Place, placeOf } from './endpoints';

/** Where an instance, a Lambda function or an Auto Scaling group's instances send from. */
export function instancesPlace(view: StackView, client: PlanResource): Place {
  if (client.type === 'aws_lambda_function')
    return placeOf(
      view,
      'Lambda client',
      client,
      ['vpc_config.0.subnet_ids'],
      ['vpc_config.0.security_group_ids'],
    );
  const label = client.type === 'aws_instance' ? 'EC2 client' : 'ASG instances';
  const place = placeOf(
    view,
    label,
    client,
    ['subnet_id', 'vpc_zone_identifier'],
    ['vpc_security_group_ids'],
  );
  // Instances of a launch template take its network interface's or its own security groups.
  const template = view.refs(client, 'launch_template.0.id', ['aws_launch_template'])[0];
  const fromTemplate = template
    ? [
        ...view.refs(template, 'network_interfaces.0.security_groups', ['aws_security_group']),
        ...view.refs(template, 'vpc_security_group_ids', ['aws_security_group']),
      ]
    : [];
  return { ...place, securityGroups: [...new Set([...place.securityGroups, ...fromTemplate])] };
}

export function clientStep(walk: Walk, source: CallSource): Place {
  const view = walk.view;
  if ('internet' in source) {
    walk.pass('client', 'internet', 'a client on the internet', 'client');
    return {
      label: 'internet client',
      address: 'internet',
      subnets: [],
      cidrs: [],
      securityGroups: [],
      external: true,
    };
  }
  if ('cidr' in source) {
    if (!parseCidr(source.cidr))
      walk.fail('client', source.cidr, `${source.cidr} is not an IPv4 CIDR`);
    // A host inside a subnet of the stack sends from that subnet (with no security group the
    // stack knows of); any other address is a network outside the stack.
    const subnet = view
      .find('aws_subnet')
      .find((s) => cidrContains(s.str('cidr_block') ?? '', source.cidr));
    const vpc = subnet ? view.refs(subnet, 'vpc_id', ['aws_vpc'])[0] : undefined;
    walk.pass(
      'client',
      subnet?.address ?? source.cidr,
      `${source.label} at ${source.cidr}${subnet ? ` in ${subnet.address}` : ''}`,
      'client',
    );
    return {
      label: source.label,
      address: subnet?.address ?? source.cidr,
      subnets: subnet ? [subnet] : [],
      cidrs: [source.cidr],
      securityGroups: [],
      vpc,
      external: subnet === undefined,
    };
  }
  const candidates = view.find(
    ['aws_instance', 'aws_lambda_function', 'aws_autoscaling_group'],
    source.client,
  );
  const client = walk.one(
    'client',
    candidates,
    `EC2 instance, Lambda function or Auto Scaling group at ${source.client}`,
    source.client,
  );
  const place = instancesPlace(view, client);
  if (place.subnets.length === 0)
    walk.fail(
      'client',
      client.address,
      `${client.address} is not attached to a subnet of the stack, so it cannot reach a VPC endpoint`,
    );
  walk.pass(
    'client',
    client.address,
    `${place.label} in ${place.subnets.map((s) => s.address).join(', ')} with ${place.securityGroups.map((g) => g.address).join(', ') || 'no security group'}`,
    'client',
  );
  return place;
}
