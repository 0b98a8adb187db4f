import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { targetOf } from '../app/account-scope';
import { cidrSubnet, parseCidr } from '../config/cidr';
import { Problems } from '../errors';
import { LogGroup, LogsKey } from '../logging/log-group';

/**
 * Checks `props.network.subnetIds` of a construct that must span two or more Availability Zones
 * (a load balancer, a VPC link): at least two subnets, unless the list is known only at apply.
 */
export function checkTwoAzSubnets(problems: Problems, subnetIds: readonly string[]): Problems {
  return problems.check(
    Token.isUnresolved(subnetIds) || subnetIds.length >= 2,
    'TooFewSubnets',
    'props.network.subnetIds',
    subnetIds,
    'must list subnets in at least two Availability Zones',
  );
}

export interface FlowLogOptions {
  /** Days to keep flow log records. */
  readonly retentionDays: number;
  /**
   * Key that encrypts the flow log group.
   * @default - service-managed encryption
   */
  readonly kmsKey?: LogsKey;
  /**
   * Which traffic to record.
   * @default 'ALL'
   */
  readonly trafficType?: 'ALL' | 'ACCEPT' | 'REJECT';
}

export interface NetworkProps {
  /** Short name used in the Name tags and the flow log group name. */
  readonly name: string;
  /** IPv4 CIDR of the VPC. */
  readonly cidr: string;
  /** Availability Zones of the private subnets, one subnet each; at least two. */
  readonly azs: readonly string[];
  /**
   * Extra prefix bits of each subnet; subnet i is `cidrsubnet(cidr, subnetNewBits, i)`.
   * @default 4
   */
  readonly subnetNewBits?: number;
  readonly flowLogs: FlowLogOptions;
}

/**
 * A VPC with DNS support and hostnames, one private subnet (no internet route, no public IPs) and
 * route table per Availability Zone, flow logs to CloudWatch Logs, and the default security group
 * stripped of all rules.
 */
export class Network extends Construct {
  readonly vpc: Vpc;
  /** The name given in props; other constructs derive their AWS names from it. */
  readonly name: string;
  readonly cidr: string;
  /** Private subnets keyed by Availability Zone. */
  readonly subnets: Record<string, Subnet> = {};
  /** Route tables keyed by Availability Zone, for routes that other constructs add. */
  readonly routeTables: Record<string, RouteTable> = {};
  readonly flowLogGroup: LogGroup;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const newBits = props.subnetNewBits ?? 4;
    const parsed = parseCidr(props.cidr);
    const problems = new Problems(`Network ${this.node.path}`)
      .check(
        parsed !== undefined,
        'InvalidCidr',
        'props.cidr',
        props.cidr,
        'must be an IPv4 CIDR block given by its network address',
      )
      .check(
        props.azs.length >= 2,
        'TooFewAvailabilityZones',
        'props.azs',
        props.azs,
        'must list at least two Availability Zones',
      )
      .check(
        new Set(props.azs).size === props.azs.length,
        'DuplicateAvailabilityZone',
        'props.azs',
        props.azs,
        'must name each Availability Zone once',
      );
    if (parsed) {
      problems.check(
        parsed.prefix + newBits <= 28 && 2 ** newBits >= props.azs.length,
        'SubnetsDoNotFit',
        'props.subnetNewBits',
        newBits,
        `must leave room for ${props.azs.length} subnets of /28 or larger inside ${props.cidr}`,
      );
    }
    problems.throwIfAny();

    this.name = props.name;
    this.cidr = props.cidr;
    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: props.name },
    });

    new DefaultSecurityGroup(this, 'default-sg', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: `${props.name}-default-closed` },
    });

    props.azs.forEach((az, index) => {
      const subnet = new Subnet(this, `private-${az}`, {
        vpcId: this.vpc.id,
        availabilityZone: az,
        cidrBlock: cidrSubnet(props.cidr, newBits, index),
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-private-${az}`, Tier: 'private' },
      });
      const routeTable = new RouteTable(this, `rt-${az}`, {
        vpcId: this.vpc.id,
        tags: { Name: `${props.name}-private-${az}` },
      });
      new RouteTableAssociation(this, `rta-${az}`, {
        subnetId: subnet.id,
        routeTableId: routeTable.id,
      });
      this.subnets[az] = subnet;
      this.routeTables[az] = routeTable;
    });

    this.flowLogGroup = new LogGroup(this, 'flow-logs', {
      name: `/vpc/${props.name}/flow-logs`,
      retentionDays: props.flowLogs.retentionDays,
      kmsKey: props.flowLogs.kmsKey,
    });
    const { accountId } = targetOf(this);
    const trust = new DataAwsIamPolicyDocument(this, 'flow-logs-trust', {
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [accountId] }],
        },
      ],
    });
    const role = new IamRole(this, 'flow-logs-role', {
      namePrefix: 'vpc-flow-logs-',
      assumeRolePolicy: trust.json,
    });
    const write = new DataAwsIamPolicyDocument(this, 'flow-logs-write', {
      statement: [
        {
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [this.flowLogGroup.arn, `${this.flowLogGroup.arn}:*`],
        },
      ],
    });
    new IamRolePolicy(this, 'flow-logs-policy', { role: role.id, policy: write.json });
    new FlowLog(this, 'flow-log', {
      vpcId: this.vpc.id,
      trafficType: props.flowLogs.trafficType ?? 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.flowLogGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
    });
  }

  /** Private subnet IDs in the order of the AZs given. */
  get subnetIds(): string[] {
    return Object.values(this.subnets).map((s) => s.id);
  }

  get azs(): string[] {
    return Object.keys(this.subnets);
  }
}
