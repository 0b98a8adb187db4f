import { isObject } from '@apigw-private/tools/tfjson';
import type { Plan, PlanResource } from '../engine/plan';
import type { PlanRule, Violation } from '../engine/rule';
import { targetsOf } from '../support/links';

const INTERNET_CHECKS = ['HTTP', 'HTTPS', 'HTTP_STR_MATCH', 'HTTPS_STR_MATCH', 'TCP'];

/** True for RFC 1918 addresses (10/8, 172.16/12, 192.168/16). */
export function isPrivateIpv4(ip: string): boolean {
  const octets = ip.split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255))
    return false;
  const [a, b] = octets;
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/** Problems of a health check (and the children of a CALCULATED one) for a private target. */
function healthCheckProblems(
  plan: Plan,
  check: PlanResource,
  privateZone: boolean,
  seen: Set<string>,
): readonly string[] {
  if (seen.has(check.address)) return [];
  seen.add(check.address);
  const type = check.str('type') ?? '?';
  if (type === 'CALCULATED') {
    return targetsOf(plan, check, 'child_healthchecks', ['aws_route53_health_check']).flatMap(
      (child) => healthCheckProblems(plan, child, privateZone, seen),
    );
  }
  if (!INTERNET_CHECKS.includes(type)) return [];
  const ip = check.str('ip_address');
  if (ip !== undefined && isPrivateIpv4(ip)) {
    return [
      `health check ${check.address} is ${type} on private IP ${ip}, which Route 53 health checkers on the internet cannot reach`,
    ];
  }
  if (ip === undefined && privateZone) {
    return [
      `health check ${check.address} is ${type} on ${check.str('fqdn') ?? 'an FQDN'} for a record in a private hosted zone; Route 53 health checkers run on the internet and cannot see private targets`,
    ];
  }
  return [];
}

export const route53PrivateHealthChecks: PlanRule = {
  scope: 'plan',
  id: 'R53-001',
  description:
    'Failover and weighted Route 53 records use health checks that can see private targets: CLOUDWATCH_METRIC (or CALCULATED) checks, or alias records with evaluate_target_health; never HTTP/HTTPS/TCP checks on private IPs.',
  reason:
    'Route 53 health checkers run on the internet: a check of a private IP always fails (or never fails over), so failover between Regions silently does not work.',
  level: 'error',
  anchors: ['AWS docs: Route 53 health checks for private hosted zones (use CloudWatch alarms)'],
  resourceTypes: ['aws_route53_record', 'aws_route53_health_check', 'aws_route53_zone'],
  check(plan) {
    const out: Violation[] = [];
    for (const record of plan.ofType('aws_route53_record')) {
      const failover = record.list('failover_routing_policy').filter(isObject)[0];
      const weighted = record.isConfigured('weighted_routing_policy');
      if (!failover && !weighted) continue;
      const policy = failover
        ? `failover ${typeof failover.type === 'string' ? failover.type : '?'}`
        : 'weighted';
      const zone = targetsOf(plan, record, 'zone_id', ['aws_route53_zone'], ['zone_id', 'id'])[0];
      const privateZone = zone?.isConfigured('vpc') ?? false;
      const privateRecords = record.strings('records').filter(isPrivateIpv4);
      const checks = targetsOf(plan, record, 'health_check_id', ['aws_route53_health_check']);
      const problems = checks.flatMap((c) =>
        healthCheckProblems(plan, c, privateZone || privateRecords.length > 0, new Set()),
      );
      const evaluates = record.bool('alias.0.evaluate_target_health') === true;
      const hasCheck = record.isConfigured('health_check_id');
      const secondary = failover?.type === 'SECONDARY';
      if (!hasCheck && !evaluates && !secondary) {
        problems.push(
          `it has no health_check_id and ${record.isConfigured('alias') ? 'its alias has evaluate_target_health = false' : 'no alias with evaluate_target_health'}, so Route 53 cannot tell when the target is down`,
        );
      }
      if (problems.length === 0) continue;
      out.push({
        address: record.address,
        message: `Record ${record.address} (${record.str('name') ?? '?'}, ${policy}): ${problems.join('; ')}.`,
        fix: 'Use an aws_route53_health_check of type CLOUDWATCH_METRIC on an alarm over the target health (e.g. NLB UnHealthyHostCount), or an alias record with evaluate_target_health = true.',
      });
    }
    return out;
  },
};
