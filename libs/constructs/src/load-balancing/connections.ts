import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { Problems } from '../errors';
import { checkPeerCidrs, ISecurityGroup } from '../network/security-group';

function ruleId(text: string): string {
  return text.replace(/[^A-Za-z0-9-]/g, '_');
}

/**
 * The security group of a load balancer, VPC link or service, with the rules between them added
 * as the pieces are wired together (each side is often built before the other exists). Every
 * rule is its own resource with a description; ingress from anywhere is refused.
 *
 * ```ts
 * nlb.connections.allowTo(service.connections, 8080, 'NLB to the orders tasks');
 * // -> egress on the NLB group to the service group, ingress on the service group from the NLB
 * ```
 */
export class Connections {
  constructor(
    /** Scope under which this side's rules are created. */
    readonly scope: Construct,
    readonly securityGroup: ISecurityGroup,
    /** Short stable name of this side, used in the IDs of rules on the other side. */
    readonly name: string,
  ) {}

  /** Allows TCP `port` from this side to `other`: egress here, ingress there. */
  allowTo(other: Connections, port: number, description: string): void {
    checkPort(port, 'port');
    addRule('out', this, other.name, port, description, {
      referencedSecurityGroupId: other.securityGroup.id,
    });
    addRule('in', other, this.name, port, description, {
      referencedSecurityGroupId: this.securityGroup.id,
    });
  }

  /** Allows TCP `port` into this side from a security group that is not a Connections. */
  allowFromGroup(key: string, group: ISecurityGroup, port: number, description: string): void {
    checkPort(port, 'port');
    addRule('in', this, key, port, description, { referencedSecurityGroupId: group.id });
  }

  /** Allows TCP `port` into this side from named networks (never 0.0.0.0/0 or ::/0). */
  allowFromCidrs(cidrs: readonly string[], port: number, description: string): void {
    checkCidrs(cidrs, 'cidrs', true);
    checkPort(port, 'port');
    for (const cidr of cidrs) addRule('in', this, cidr, port, description, { cidrIpv4: cidr });
  }

  /** Allows TCP `port` from this side to named networks (targets outside the VPC, say). */
  allowToCidrs(cidrs: readonly string[], port: number, description: string): void {
    checkCidrs(cidrs, 'cidrs', false);
    checkPort(port, 'port');
    for (const cidr of cidrs) addRule('out', this, cidr, port, description, { cidrIpv4: cidr });
  }
}

/**
 * One TCP rule on `side`'s group, ID `<in|out>-<peer>-<port>` under its scope; a rule that
 * exists already (the same wiring made twice) is kept as it is.
 */
function addRule(
  direction: 'in' | 'out',
  side: Connections,
  peer: string,
  port: number,
  description: string,
  target: { readonly referencedSecurityGroupId: string } | { readonly cidrIpv4: string },
): void {
  const id = `${direction}-${ruleId(peer)}-${port}`;
  if (side.scope.node.tryFindChild(id)) return;
  const Rule = direction === 'in' ? VpcSecurityGroupIngressRule : VpcSecurityGroupEgressRule;
  new Rule(side.scope, id, {
    description,
    ipProtocol: 'tcp',
    fromPort: port,
    toPort: port,
    securityGroupId: side.securityGroup.id,
    ...target,
  });
}

function checkPort(port: number, path: string): void {
  new Problems('Connections').checkPort(path, port).throwIfAny();
}

function checkCidrs(cidrs: readonly string[], path: string, ingress: boolean): void {
  checkPeerCidrs(new Problems('Connections'), cidrs, path, ingress).throwIfAny();
}
