// Synth-only checks of the options that the default plans do not cover.
import { Testing } from 'cdktf';
import { loadConfig } from '@apigw-private/constructs/config/load';
import { multiRegionConfigSchema } from '../src/config';
import { MultiRegionStack } from '../src/stack';

type Resources = Record<string, Record<string, unknown>>;

function synth(env: Record<string, string>): { resource: Record<string, Resources> } {
  const config = loadConfig({ app: 'multi-region', schema: multiRegionConfigSchema, env });
  const stack = new MultiRegionStack(Testing.app(), 'weighted-nlb', {
    config,
    mode: 'offline',
    variant: 'weighted-nlb',
  });
  return JSON.parse(Testing.synth(stack));
}

function all(
  out: { resource: Record<string, Resources> },
  type: string,
): Record<string, unknown>[] {
  return Object.values(out.resource[type] ?? {});
}

describe('MultiRegionStack', () => {
  test('tgw-peering: a Transit Gateway per Region, peered across Regions, with routes to the other VPC', () => {
    const out = synth({ APIGW__connectivity: 'tgw-peering' });
    expect(
      all(out, 'aws_ec2_transit_gateway')
        .map((g) => [g.provider, g.auto_accept_shared_attachments])
        .sort(),
    ).toEqual([
      ['aws.east', 'disable'],
      ['aws.west', 'disable'],
    ]);
    const [attachment] = all(out, 'aws_ec2_transit_gateway_peering_attachment');
    expect(attachment).toEqual(
      expect.objectContaining({ provider: 'aws.east', peer_region: 'us-west-2' }),
    );
    expect(
      all(out, 'aws_ec2_transit_gateway_peering_attachment_accepter').map((a) => a.provider),
    ).toEqual(['aws.west']);
    const tgwRoutes = all(out, 'aws_ec2_transit_gateway_route').map((r) => [
      r.provider,
      r.destination_cidr_block,
    ]);
    expect(tgwRoutes.sort()).toEqual([
      ['aws.east', '10.31.0.0/16'],
      ['aws.west', '10.30.0.0/16'],
    ]);
    const vpcRoutes = all(out, 'aws_route').filter((r) => r.transit_gateway_id !== undefined);
    expect(vpcRoutes.map((r) => [r.provider, r.destination_cidr_block]).sort()).toEqual([
      ['aws.east', '10.31.0.0/16'],
      ['aws.east', '10.31.0.0/16'],
      ['aws.west', '10.30.0.0/16'],
      ['aws.west', '10.30.0.0/16'],
    ]);
    expect(all(out, 'aws_vpc_peering_connection')).toHaveLength(0);
  });

  test('none: no peering of any kind', () => {
    const out = synth({ APIGW__connectivity: 'none' });
    expect(all(out, 'aws_vpc_peering_connection')).toHaveLength(0);
    expect(all(out, 'aws_ec2_transit_gateway')).toHaveLength(0);
  });

  test('no stack sets the API Gateway CloudWatch role: apps/account-settings owns it', () => {
    expect(all(synth({}), 'aws_api_gateway_account')).toHaveLength(0);
  });

  test('health check settings come from config', () => {
    const out = synth({
      APIGW__healthCheck__minHealthyTargets: '2',
      APIGW__healthCheck__evaluationPeriods: '3',
      APIGW__healthCheck__insufficientDataHealthStatus: 'Unhealthy',
    });
    for (const alarm of all(out, 'aws_cloudwatch_metric_alarm')) {
      expect(alarm).toEqual(expect.objectContaining({ threshold: 2, evaluation_periods: 3 }));
    }
    for (const check of all(out, 'aws_route53_health_check'))
      expect(check.insufficient_data_health_status).toBe('Unhealthy');
  });
});
