import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Testing } from 'cdktf';
import { AccountScope } from '../src/app/account-scope';
import type { ReferenceStack } from '../src/app/reference-stack';
import {
  LoadBalancerHealthCheck,
  LoadBalancerHealthCheckProps,
  RoutedTarget,
  RoutingRecords,
  RoutingRecordsProps,
} from '../src/dns/routing-records';
import { synthObject, testStack, validationErrorOf } from './helpers';

const nlb = { arnSuffix: 'net/api-east/0123456789abcdef', loadBalancerType: 'network' as const };
const alb = {
  arnSuffix: 'app/api-east/0123456789abcdef',
  loadBalancerType: 'application' as const,
};
const targetGroup = { arnSuffix: 'targetgroup/api-east/fedcba9876543210' };

function healthCheck(
  props: Partial<LoadBalancerHealthCheckProps> = {},
  stack: ReferenceStack = testStack(),
) {
  new LoadBalancerHealthCheck(stack, 'health', {
    name: 'api-east',
    loadBalancer: nlb,
    targetGroup,
    ...props,
  });
  return stack;
}

function target(extra: Partial<RoutedTarget>, n: number): RoutedTarget {
  return {
    alias: { dnsName: `internal-lb-${n}.elb.amazonaws.com`, zoneId: `ZLB${n}` },
    healthCheck: { healthCheckId: `hc-${n}` },
    ...extra,
  };
}

function records(props: Partial<RoutingRecordsProps> = {}) {
  const stack = testStack();
  new RoutingRecords(stack, 'records', {
    zone: { zoneId: 'ZPRIVATE' },
    name: 'api.internal.example.com',
    policy: 'failover',
    targets: {
      east: target({ failover: 'PRIMARY' }, 1),
      west: target({ failover: 'SECONDARY' }, 2),
    },
    ...props,
  });
  return stack;
}

describe('LoadBalancerHealthCheck', () => {
  test('alarms on the NLB HealthyHostCount and backs a CLOUDWATCH_METRIC health check in the same Region', () => {
    const synthesized = Testing.synth(healthCheck());
    expect(synthesized).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'api-east-healthy-hosts',
      namespace: 'AWS/NetworkELB',
      metric_name: 'HealthyHostCount',
      dimensions: { LoadBalancer: nlb.arnSuffix, TargetGroup: targetGroup.arnSuffix },
      statistic: 'Minimum',
      period: 60,
      evaluation_periods: 2,
      datapoints_to_alarm: 2,
      comparison_operator: 'LessThanThreshold',
      threshold: 1,
      treat_missing_data: 'breaching',
    });
    expect(synthesized).toHaveResourceWithProperties(Route53HealthCheck, {
      type: 'CLOUDWATCH_METRIC',
      cloudwatch_alarm_region: 'us-east-1',
      insufficient_data_health_status: 'LastKnownStatus',
    });
    const check = Object.values(synthObject(healthCheck()).resource.aws_route53_health_check)[0];
    expect(check.cloudwatch_alarm_name).toMatch(
      /^\$\{aws_cloudwatch_metric_alarm\.health_alarm_\w+\.alarm_name\}$/,
    );
    expect(check.fqdn).toBeUndefined();
    expect(check.ip_address).toBeUndefined();
  });

  test('uses the ApplicationELB namespace for an ALB', () => {
    expect(Testing.synth(healthCheck({ loadBalancer: alb }))).toHaveResourceWithProperties(
      CloudwatchMetricAlarm,
      {
        namespace: 'AWS/ApplicationELB',
        dimensions: { LoadBalancer: alb.arnSuffix, TargetGroup: targetGroup.arnSuffix },
      },
    );
  });

  test('puts the alarm in the Region of its AccountScope and names that Region in the health check', () => {
    const stack = testStack();
    const west = new AccountScope(stack, 'west', {
      alias: 'west',
      target: { accountId: '111111111111', region: 'us-west-2' },
    });
    new LoadBalancerHealthCheck(west, 'health', {
      name: 'api-west',
      loadBalancer: nlb,
      targetGroup,
    });
    const out = synthObject(stack);
    expect(Object.values(out.resource.aws_cloudwatch_metric_alarm)[0].provider).toBe('aws.west');
    expect(Object.values(out.resource.aws_route53_health_check)[0].cloudwatch_alarm_region).toBe(
      'us-west-2',
    );
  });

  test('takes the threshold and evaluation periods from props', () => {
    expect(
      Testing.synth(healthCheck({ minHealthyTargets: 2, evaluationPeriods: 3 })),
    ).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      threshold: 2,
      evaluation_periods: 3,
      datapoints_to_alarm: 3,
    });
  });

  test('takes the insufficient-data status from props', () => {
    expect(
      Testing.synth(healthCheck({ insufficientDataHealthStatus: 'Unhealthy' })),
    ).toHaveResourceWithProperties(Route53HealthCheck, {
      insufficient_data_health_status: 'Unhealthy',
    });
  });

  test('fails when minHealthyTargets is below 1', () => {
    const error = validationErrorOf(() => healthCheck({ minHealthyTargets: 0 }));
    expect(error.codes).toEqual(['InvalidMinHealthyTargets']);
    expect(error.message).toMatch(/InvalidMinHealthyTargets: props\.minHealthyTargets .*got 0/);
  });

  test('fails when evaluationPeriods is outside 1-10', () => {
    const error = validationErrorOf(() => healthCheck({ evaluationPeriods: 11 }));
    expect(error.codes).toEqual(['InvalidEvaluationPeriods']);
    expect(error.message).toMatch(/InvalidEvaluationPeriods: props\.evaluationPeriods .*got 11/);
  });

  test('fails when the name has characters an alarm name should not', () => {
    const error = validationErrorOf(() => healthCheck({ name: 'api east' }));
    expect(error.codes).toEqual(['InvalidName']);
    expect(error.message).toMatch(/InvalidName: props\.name .*"api east"/);
  });
});

describe('RoutingRecords', () => {
  test('failover: a PRIMARY and a SECONDARY alias record, each with its set identifier, health check and target health', () => {
    const out = synthObject(records());
    const byId = Object.values(out.resource.aws_route53_record).sort((a, b) =>
      String(a.set_identifier).localeCompare(String(b.set_identifier)),
    );
    expect(byId).toEqual([
      expect.objectContaining({
        zone_id: 'ZPRIVATE',
        name: 'api.internal.example.com',
        type: 'A',
        set_identifier: 'east',
        health_check_id: 'hc-1',
        failover_routing_policy: { type: 'PRIMARY' },
        alias: {
          name: 'internal-lb-1.elb.amazonaws.com',
          zone_id: 'ZLB1',
          evaluate_target_health: true,
        },
      }),
      expect.objectContaining({
        set_identifier: 'west',
        health_check_id: 'hc-2',
        failover_routing_policy: { type: 'SECONDARY' },
        alias: {
          name: 'internal-lb-2.elb.amazonaws.com',
          zone_id: 'ZLB2',
          evaluate_target_health: true,
        },
      }),
    ]);
    for (const record of byId) expect(record.weighted_routing_policy).toBeUndefined();
  });

  test('weighted: one record per target with its weight', () => {
    const stack = records({
      policy: 'weighted',
      targets: { east: target({ weight: 200 }, 1), west: target({ weight: 55 }, 2) },
    });
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(Route53Record, {
      set_identifier: 'east',
      weighted_routing_policy: { weight: 200 },
    });
    expect(synthesized).toHaveResourceWithProperties(Route53Record, {
      set_identifier: 'west',
      weighted_routing_policy: { weight: 55 },
    });
    for (const record of Object.values(synthObject(stack).resource.aws_route53_record)) {
      expect(record.failover_routing_policy).toBeUndefined();
      expect((record.alias as { evaluate_target_health: boolean }).evaluate_target_health).toBe(
        true,
      );
    }
  });

  test('weighted: a weight of 0 is allowed while another is above 0', () => {
    const stack = records({
      policy: 'weighted',
      targets: { east: target({ weight: 0 }, 1), west: target({ weight: 1 }, 2) },
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(Route53Record, {
      set_identifier: 'east',
      weighted_routing_policy: { weight: 0 },
    });
  });

  test('fails when failover has two PRIMARY targets', () => {
    const error = validationErrorOf(() =>
      records({
        targets: {
          east: target({ failover: 'PRIMARY' }, 1),
          west: target({ failover: 'PRIMARY' }, 2),
        },
      }),
    );
    expect(error.codes).toEqual(['InvalidFailoverRoles']);
    expect(error.message).toMatch(
      /InvalidFailoverRoles: props\.targets\.\*\.failover must give exactly two targets, one PRIMARY and one SECONDARY, got \{"east":"PRIMARY","west":"PRIMARY"\}/,
    );
  });

  test('fails when failover has a third target', () => {
    const error = validationErrorOf(() =>
      records({
        targets: {
          east: target({ failover: 'PRIMARY' }, 1),
          west: target({ failover: 'SECONDARY' }, 2),
          eu: target({ failover: 'SECONDARY' }, 3),
        },
      }),
    );
    expect(error.codes).toEqual(['InvalidFailoverRoles']);
    expect(error.message).toMatch(/"eu":"SECONDARY"/);
  });

  test('fails when a failover target carries a weight', () => {
    const error = validationErrorOf(() =>
      records({
        targets: {
          east: target({ failover: 'PRIMARY', weight: 10 }, 1),
          west: target({ failover: 'SECONDARY' }, 2),
        },
      }),
    );
    expect(error.codes).toEqual(['WeightWithFailover']);
    expect(error.message).toMatch(/WeightWithFailover: props\.targets\.east\.weight .*got 10/);
  });

  test('fails when a weight is above 255', () => {
    const error = validationErrorOf(() =>
      records({
        policy: 'weighted',
        targets: { east: target({ weight: 256 }, 1), west: target({ weight: 1 }, 2) },
      }),
    );
    expect(error.codes).toEqual(['InvalidWeight']);
    expect(error.message).toMatch(
      /InvalidWeight: props\.targets\.east\.weight must be a whole number from 0 to 255, got 256/,
    );
  });

  test('fails when a weight is negative', () => {
    const error = validationErrorOf(() =>
      records({
        policy: 'weighted',
        targets: { east: target({ weight: -1 }, 1), west: target({ weight: 1 }, 2) },
      }),
    );
    expect(error.codes).toEqual(['InvalidWeight']);
    expect(error.message).toMatch(/props\.targets\.east\.weight .*got -1/);
  });

  test('fails when every weight is 0', () => {
    const error = validationErrorOf(() =>
      records({
        policy: 'weighted',
        targets: { east: target({ weight: 0 }, 1), west: target({ weight: 0 }, 2) },
      }),
    );
    expect(error.codes).toEqual(['AllWeightsZero']);
    expect(error.message).toMatch(
      /AllWeightsZero: props\.targets\.\*\.weight .*got \{"east":0,"west":0\}/,
    );
  });

  test('fails when a weighted target has a failover role', () => {
    const error = validationErrorOf(() =>
      records({
        policy: 'weighted',
        targets: {
          east: target({ weight: 1, failover: 'PRIMARY' }, 1),
          west: target({ weight: 1 }, 2),
        },
      }),
    );
    expect(error.codes).toEqual(['FailoverWithWeighted']);
    expect(error.message).toMatch(
      /FailoverWithWeighted: props\.targets\.east\.failover .*"PRIMARY"/,
    );
  });

  test('fails when a key cannot be a set identifier', () => {
    const error = validationErrorOf(() =>
      records({ policy: 'weighted', targets: { 'east 1': target({ weight: 1 }, 1) } }),
    );
    expect(error.codes).toEqual(['InvalidSetIdentifier']);
    expect(error.message).toMatch(/InvalidSetIdentifier: props\.targets\.east 1 .*"east 1"/);
  });

  test('fails when there are no targets', () => {
    const error = validationErrorOf(() => records({ policy: 'weighted', targets: {} }));
    expect(error.codes).toEqual(['NoTargets']);
  });
});
