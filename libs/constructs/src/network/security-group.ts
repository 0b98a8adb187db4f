import { SecurityGroup as SecurityGroupResource } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { coversEveryAddress, isCidr } from '../config/cidr';
import { Problems } from '../errors';

/** Anything with a security group ID: this construct or a resource of the provider binding. */
export interface ISecurityGroup {
  readonly id: string;
}

export interface RuleSpec {
  /** Why the rule exists; shown in the console and required by the guardrails. */
  readonly description: string;
  /** `tcp`, `udp`, or `-1` for all protocols. */
  readonly protocol: 'tcp' | 'udp' | '-1';
  /** One port or an inclusive `[from, to]` range; ignored for protocol `-1`. */
  readonly ports?: number | readonly [number, number];
  /** Peer CIDR blocks, each a separate rule. */
  readonly cidrs?: readonly string[];
  /** Peer security group. */
  readonly peer?: ISecurityGroup;
}

export interface SecurityGroupProps {
  readonly vpcId: string;
  readonly name: string;
  readonly description: string;
  /**
   * Inbound rules keyed by a stable name. Open ranges (0.0.0.0/0, ::/0) are refused.
   * @default - no inbound traffic
   */
  readonly ingress?: Record<string, RuleSpec>;
  /**
   * Outbound rules keyed by a stable name.
   * @default - no outbound traffic (Terraform removes the default allow-all egress rule)
   */
  readonly egress?: Record<string, RuleSpec>;
}

/**
 * The egress of a client that reaches AWS only through interface endpoints in its VPC: one rule
 * `https`, TCP 443 to the VPC's CIDR.
 */
export function httpsToVpc(
  vpcCidr: string,
  description = 'HTTPS to interface endpoints in the VPC',
): Record<string, RuleSpec> {
  return { https: { description, protocol: 'tcp', ports: 443, cidrs: [vpcCidr] } };
}

const OPEN = new Set(['0.0.0.0/0', '::/0']);

/**
 * Checks the peer networks of rules at `path`: each an IPv4 CIDR block given by its network
 * address; for ingress, none open to anywhere (0.0.0.0/0, ::/0) and not all of them together
 * covering every address (0.0.0.0/1 with 128.0.0.0/1 is as open as 0.0.0.0/0).
 */
export function checkPeerCidrs(
  problems: Problems,
  cidrs: readonly string[],
  path: string,
  ingress: boolean,
): Problems {
  cidrs.forEach((cidr, i) => {
    if (ingress && OPEN.has(cidr)) {
      problems.add(
        'OpenIngress',
        `${path}[${i}]`,
        cidr,
        'must be a named network; ingress from anywhere is not allowed',
      );
    } else {
      problems.check(
        isCidr(cidr),
        'InvalidCidr',
        `${path}[${i}]`,
        cidr,
        'must be an IPv4 CIDR block given by its network address',
      );
    }
  });
  return problems.check(
    !ingress || cidrs.some((c) => OPEN.has(c)) || !coversEveryAddress(cidrs),
    'OpenIngress',
    path,
    cidrs,
    'must not together cover every IPv4 address; ingress from anywhere is not allowed',
  );
}

function idFor(cidr: string): string {
  return cidr.replace(/[./:]/g, '_');
}

/**
 * A security group whose every rule is its own resource with a description. Inbound rules from
 * anywhere are refused, so the group can only ever admit named networks or groups.
 */
export class SecurityGroup extends Construct implements ISecurityGroup {
  readonly resource: SecurityGroupResource;

  constructor(scope: Construct, id: string, props: SecurityGroupProps) {
    super(scope, id);
    const problems = new Problems(`SecurityGroup ${this.node.path}`);
    const check = (direction: string, rules: Record<string, RuleSpec>) => {
      for (const [key, rule] of Object.entries(rules)) {
        const path = `props.${direction}.${key}`;
        const cidrs = rule.cidrs ?? [];
        problems.check(
          cidrs.length > 0 || rule.peer !== undefined,
          'RuleWithoutPeer',
          path,
          rule.cidrs,
          'must name cidrs or a peer security group',
        );
        problems.check(
          rule.description.trim().length > 0,
          'MissingDescription',
          `${path}.description`,
          rule.description,
          'must describe the rule',
        );
        checkPeerCidrs(problems, cidrs, `${path}.cidrs`, direction === 'ingress');
      }
    };
    check('ingress', props.ingress ?? {});
    check('egress', props.egress ?? {});
    problems.throwIfAny();

    this.resource = new SecurityGroupResource(this, 'resource', {
      namePrefix: `${props.name}-`,
      description: props.description,
      vpcId: props.vpcId,
      tags: { Name: props.name },
      lifecycle: { createBeforeDestroy: true },
    });
    for (const [key, rule] of Object.entries(props.ingress ?? {})) this.addRule('in', key, rule);
    for (const [key, rule] of Object.entries(props.egress ?? {})) this.addRule('out', key, rule);
  }

  get id(): string {
    return this.resource.id;
  }

  private addRule(direction: 'in' | 'out', key: string, rule: RuleSpec): void {
    const ports =
      rule.protocol === '-1'
        ? undefined
        : typeof rule.ports === 'number'
          ? [rule.ports, rule.ports]
          : rule.ports;
    const base = {
      securityGroupId: this.resource.id,
      description: rule.description,
      ipProtocol: rule.protocol,
      fromPort: ports?.[0],
      toPort: ports?.[1],
    };
    const Rule = direction === 'in' ? VpcSecurityGroupIngressRule : VpcSecurityGroupEgressRule;
    for (const cidr of rule.cidrs ?? []) {
      new Rule(this, `${direction}-${key}-${idFor(cidr)}`, { ...base, cidrIpv4: cidr });
    }
    if (rule.peer) {
      new Rule(this, `${direction}-${key}-sg`, {
        ...base,
        referencedSecurityGroupId: rule.peer.id,
      });
    }
  }
}
