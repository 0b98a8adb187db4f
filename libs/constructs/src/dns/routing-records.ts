import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';
import { targetOf } from '../app/account-scope';
import { Problems } from '../errors';

/** A load balancer as CloudWatch names it: `net/<name>/<id>` or `app/<name>/<id>` (the ARN suffix). */
export interface IMeasuredLoadBalancer {
  readonly arnSuffix: string;
  /** `network` publishes to AWS/NetworkELB, `application` to AWS/ApplicationELB. */
  readonly loadBalancerType: 'network' | 'application';
}

/** A target group as CloudWatch names it: `targetgroup/<name>/<id>` (the ARN suffix). */
export interface IMeasuredTargetGroup {
  readonly arnSuffix: string;
}

/** What Route 53 needs to alias a name to a load balancer. */
export interface IAliasTarget {
  readonly dnsName: string;
  /** The load balancer's canonical hosted zone ID (not your zone). */
  readonly zoneId: string;
}

export interface IHostedZone {
  readonly zoneId: string;
}

export interface IHealthCheck {
  readonly healthCheckId: string;
}

/** Route 53's answer for a health check whose alarm has too little data to decide. */
export type InsufficientDataHealthStatus = 'Healthy' | 'Unhealthy' | 'LastKnownStatus';

export interface LoadBalancerHealthCheckProps {
  /** Prefix of the alarm name, unique in the account and Region, e.g. `multi-region-east`. */
  readonly name: string;
  readonly loadBalancer: IMeasuredLoadBalancer;
  /** The target group whose healthy targets are counted (the execute-api endpoint addresses). */
  readonly targetGroup: IMeasuredTargetGroup;
  /**
   * The alarm fires when fewer targets than this are healthy for `evaluationPeriods` minutes.
   * @default 1 - the Region is unhealthy when no endpoint address is healthy
   */
  readonly minHealthyTargets?: number;
  /**
   * Consecutive one-minute periods below `minHealthyTargets` before the alarm fires.
   * @default 2
   */
  readonly evaluationPeriods?: number;
  /**
   * Health check status while the alarm has insufficient data. Why LastKnownStatus: the alarm
   * treats missing data as breaching, so a load balancer that stops reporting (deleted, Region
   * impaired) goes to ALARM, not INSUFFICIENT_DATA. INSUFFICIENT_DATA is left for the minutes
   * after the alarm is created and for gaps in CloudWatch itself; neither says the API is down,
   * and moving every client to another Region on a monitoring gap costs more than holding the
   * last decision. A new check with no last status counts as healthy, so a fresh deployment
   * serves from its primary at once.
   * @default 'LastKnownStatus'
   */
  readonly insufficientDataHealthStatus?: InsufficientDataHealthStatus;
}

/**
 * A health check that works for private targets. Route 53 health checkers run on the internet
 * and cannot reach private addresses, so the check is of type CLOUDWATCH_METRIC: it follows a
 * CloudWatch alarm on the load balancer's HealthyHostCount. The alarm lives in the load
 * balancer's Region (this construct's Region); the Route 53 health check is global and names the
 * alarm by name and Region. Create it in the same scope (Region) as the load balancer.
 */
export class LoadBalancerHealthCheck extends Construct implements IHealthCheck {
  readonly alarm: CloudwatchMetricAlarm;
  readonly resource: Route53HealthCheck;
  readonly minHealthyTargets: number;
  readonly evaluationPeriods: number;

  constructor(scope: Construct, id: string, props: LoadBalancerHealthCheckProps) {
    super(scope, id);
    this.minHealthyTargets = props.minHealthyTargets ?? 1;
    this.evaluationPeriods = props.evaluationPeriods ?? 2;
    new Problems(`LoadBalancerHealthCheck ${this.node.path}`)
      .check(
        Number.isInteger(this.minHealthyTargets) && this.minHealthyTargets >= 1,
        'InvalidMinHealthyTargets',
        'props.minHealthyTargets',
        props.minHealthyTargets,
        'must be a whole number of 1 or more',
      )
      .check(
        Number.isInteger(this.evaluationPeriods) &&
          this.evaluationPeriods >= 1 &&
          this.evaluationPeriods <= 10,
        'InvalidEvaluationPeriods',
        'props.evaluationPeriods',
        props.evaluationPeriods,
        'must be a whole number of minutes from 1 to 10',
      )
      .check(
        /^[A-Za-z0-9_.-]{1,200}$/.test(props.name),
        'InvalidName',
        'props.name',
        props.name,
        'must be 1-200 characters of [A-Za-z0-9_.-]',
      )
      .throwIfAny();

    const { region } = targetOf(this);
    const namespace =
      props.loadBalancer.loadBalancerType === 'network' ? 'AWS/NetworkELB' : 'AWS/ApplicationELB';
    this.alarm = new CloudwatchMetricAlarm(this, 'alarm', {
      alarmName: `${props.name}-healthy-hosts`,
      alarmDescription: `Fewer than ${this.minHealthyTargets} healthy execute-api endpoint targets behind the load balancer; Route 53 stops routing to this Region`,
      namespace,
      metricName: 'HealthyHostCount',
      dimensions: {
        LoadBalancer: props.loadBalancer.arnSuffix,
        TargetGroup: props.targetGroup.arnSuffix,
      },
      statistic: 'Minimum',
      period: 60,
      evaluationPeriods: this.evaluationPeriods,
      datapointsToAlarm: this.evaluationPeriods,
      comparisonOperator: 'LessThanThreshold',
      threshold: this.minHealthyTargets,
      // A load balancer that stops reporting counts as down.
      treatMissingData: 'breaching',
    });
    this.resource = new Route53HealthCheck(this, 'resource', {
      type: 'CLOUDWATCH_METRIC',
      cloudwatchAlarmName: this.alarm.alarmName,
      cloudwatchAlarmRegion: region,
      insufficientDataHealthStatus: props.insufficientDataHealthStatus ?? 'LastKnownStatus',
      tags: { Name: `${props.name}-healthy-hosts` },
    });
  }

  get healthCheckId(): string {
    return this.resource.id;
  }
}

export type RoutingPolicy = 'failover' | 'weighted';

export interface RoutedTarget {
  /** The load balancer the name resolves to; Route 53 also evaluates its target health. */
  readonly alias: IAliasTarget;
  readonly healthCheck: IHealthCheck;
  /**
   * Role under the failover policy; exactly one PRIMARY and one SECONDARY.
   * @default - none; required when the policy is failover, refused otherwise
   */
  readonly failover?: 'PRIMARY' | 'SECONDARY';
  /**
   * Relative weight 0-255 under the weighted policy; 0 takes the target out unless all are 0.
   * @default - none; required when the policy is weighted, refused otherwise
   */
  readonly weight?: number;
}

export interface RoutingRecordsProps {
  /** The (private) hosted zone that holds the records. */
  readonly zone: IHostedZone;
  /** Record name, e.g. `api.internal.example.com`. */
  readonly name: string;
  readonly policy: RoutingPolicy;
  /** Targets keyed by a stable name, which is also each record's set identifier. */
  readonly targets: Record<string, RoutedTarget>;
}

const SET_IDENTIFIER = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * Alias A records of one name to several load balancers, one per target with the target's key as
 * set identifier, under a failover (PRIMARY/SECONDARY) or weighted policy. Every record carries a
 * health check and evaluates the alias target's health, so Route 53 answers only with targets
 * that have healthy endpoint addresses.
 */
export class RoutingRecords extends Construct {
  readonly records: Record<string, Route53Record> = {};

  constructor(scope: Construct, id: string, props: RoutingRecordsProps) {
    super(scope, id);
    RoutingRecords.problems(`RoutingRecords ${this.node.path}`, props).throwIfAny();
    for (const [key, target] of Object.entries(props.targets)) {
      this.records[key] = new Route53Record(this, key, {
        zoneId: props.zone.zoneId,
        name: props.name,
        type: 'A',
        setIdentifier: key,
        healthCheckId: target.healthCheck.healthCheckId,
        alias: {
          name: target.alias.dnsName,
          zoneId: target.alias.zoneId,
          evaluateTargetHealth: true,
        },
        failoverRoutingPolicy: props.policy === 'failover' ? { type: target.failover! } : undefined,
        weightedRoutingPolicy: props.policy === 'weighted' ? { weight: target.weight! } : undefined,
      });
    }
  }

  private static problems(subject: string, props: RoutingRecordsProps): Problems {
    const problems = new Problems(subject);
    const entries = Object.entries(props.targets);
    problems.check(
      entries.length > 0,
      'NoTargets',
      'props.targets',
      {},
      'must name at least one load balancer',
    );
    for (const [key] of entries) {
      problems.check(
        SET_IDENTIFIER.test(key),
        'InvalidSetIdentifier',
        `props.targets.${key}`,
        key,
        'must be a key of 1-128 characters [A-Za-z0-9_.-] (it is the set identifier)',
      );
    }
    if (props.policy === 'failover') {
      for (const [key, target] of entries) {
        problems.check(
          target.weight === undefined,
          'WeightWithFailover',
          `props.targets.${key}.weight`,
          target.weight,
          'must be left out under the failover policy',
        );
      }
      const roles = entries.map(([, t]) => t.failover);
      const primaries = roles.filter((r) => r === 'PRIMARY').length;
      const secondaries = roles.filter((r) => r === 'SECONDARY').length;
      problems.check(
        entries.length === 2 && primaries === 1 && secondaries === 1,
        'InvalidFailoverRoles',
        'props.targets.*.failover',
        Object.fromEntries(entries.map(([k, t]) => [k, t.failover ?? null])),
        'must give exactly two targets, one PRIMARY and one SECONDARY',
      );
    } else {
      for (const [key, target] of entries) {
        problems.check(
          target.failover === undefined,
          'FailoverWithWeighted',
          `props.targets.${key}.failover`,
          target.failover,
          'must be left out under the weighted policy',
        );
        problems.check(
          target.weight !== undefined &&
            Number.isInteger(target.weight) &&
            target.weight >= 0 &&
            target.weight <= 255,
          'InvalidWeight',
          `props.targets.${key}.weight`,
          target.weight,
          'must be a whole number from 0 to 255',
        );
      }
      const weights = entries.map(([, t]) => t.weight);
      problems.check(
        entries.length === 0 || weights.some((w) => w === undefined || w !== 0),
        'AllWeightsZero',
        'props.targets.*.weight',
        Object.fromEntries(entries.map(([k, t]) => [k, t.weight ?? null])),
        'must give at least one target a weight above 0 (all zero spreads traffic evenly and hides the intent)',
      );
    }
    return problems;
  }
}
