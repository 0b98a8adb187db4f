/**
 * The two ends of one network hop: where packets leave (a client, a load balancer, a VPC link)
 * and where they arrive (an endpoint's network interfaces, a load balancer, tasks, instances).
 */
import type { PlanResource } from '@apigw-private/tools/tfjson';
import type { StackView } from '../stack';

export interface Place {
  /** How diagrams and messages name it (`EC2 client`, `execute-api endpoint`). */
  readonly label: string;
  /** The Terraform address of the resource that stands for it. */
  readonly address: string;
  /** Its subnets in the stack (none for a network outside the stack). */
  readonly subnets: readonly PlanResource[];
  /** Address ranges its packets come from or go to. */
  readonly cidrs: readonly string[];
  /** Its security groups; empty when none apply. */
  readonly securityGroups: readonly PlanResource[];
  /** Its VPC, when it is in the stack. */
  readonly vpc?: PlanResource;
  /** True for a network outside the stack (on-premises). */
  readonly external?: boolean;
}

/** The CIDR blocks of subnets, known at synth. */
export function cidrsOf(subnets: readonly PlanResource[]): string[] {
  return subnets.map((s) => s.str('cidr_block')).filter((c): c is string => c !== undefined);
}

/** A place made of a resource's subnets and security groups. */
export function placeOf(
  view: StackView,
  label: string,
  resource: PlanResource,
  subnetPaths: readonly string[],
  groupPaths: readonly string[],
): Place {
  const subnets = subnetPaths.flatMap((p) => view.refs(resource, p, ['aws_subnet']));
  const securityGroups = groupPaths.flatMap((p) => view.refs(resource, p, ['aws_security_group']));
  const vpc = subnets.flatMap((s) => view.refs(s, 'vpc_id', ['aws_vpc']))[0];
  return {
    label,
    address: resource.address,
    subnets,
    cidrs: cidrsOf(subnets),
    securityGroups: [...new Set(securityGroups)],
    vpc,
  };
}
