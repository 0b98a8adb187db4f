import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { AccountScope } from '@apigw-private/constructs/app/account-scope';
import { ReferenceStack } from '@apigw-private/constructs/app/reference-stack';
import { fromConfig } from '@apigw-private/constructs/config/trace';
import { TransitGatewayPeering } from '@apigw-private/constructs/connectivity/tgw-peering';
import { TransitGateway } from '@apigw-private/constructs/connectivity/transit-gateway';
import { VpcPeering } from '@apigw-private/constructs/connectivity/vpc-peering';
import { PrivateZone } from '@apigw-private/constructs/dns/private-zone';
import { RoutedTarget, RoutingRecords } from '@apigw-private/constructs/dns/routing-records';
import type { Mode } from '@apigw-private/constructs/providers/mode';
import { MultiRegionConfig, Variant, frontOf, routingOf } from './config';
import { RegionalApi } from './regional-api';

export interface MultiRegionStackProps {
  readonly config: MultiRegionConfig;
  readonly mode: Mode;
  /** Which routing policy and which load balancer; also the stack ID. */
  readonly variant: Variant;
}

/**
 * The same private API in every configured Region, one stack with an AccountScope (aliased
 * provider) per Region, and one DNS layer over them: a private hosted zone associated with every
 * Region's VPC whose alias records for the API name point at each Region's load balancer under a
 * failover or weighted policy, each record backed by a CloudWatch-alarm health check.
 */
export class MultiRegionStack extends ReferenceStack {
  readonly regions: Record<string, RegionalApi> = {};
  readonly zone: PrivateZone;
  readonly records: RoutingRecords;

  constructor(scope: Construct, id: Variant, props: MultiRegionStackProps) {
    const { config, mode, variant } = props;
    const home = config.regions[0];
    super(scope, id, {
      app: 'multi-region',
      mode,
      // The default provider (the first Region listed) holds the global Route 53 zone and records.
      target: { accountId: config.accountId, region: home.region, roleName: config.roleName },
      backend: config.backend,
      tags: { Architecture: 'multi-region', Variant: variant },
    });

    // Derived from dns.zoneName: a problem in it is reported under that config field.
    const domainName = fromConfig(`${id}.${config.dns.zoneName}`, 'dns.zoneName');
    const scopes: Record<string, AccountScope> = {};
    const clientCidrs = [
      ...new Set([...config.regions.map((r) => r.network.vpcCidr), ...config.clientCidrs]),
    ];
    for (const region of config.regions) {
      const scope = new AccountScope(this, region.name, {
        alias: region.name,
        target: { accountId: config.accountId, region: region.region, roleName: config.roleName },
      });
      scopes[region.name] = scope;
      this.regions[region.name] = new RegionalApi(scope, 'api', {
        config,
        region,
        stackId: id,
        front: frontOf(variant),
        domainName,
        clientCidrs,
      });
    }
    const regional = config.regions.map((r) => this.regions[r.name]);

    this.zone = new PrivateZone(this, 'zone', {
      name: config.dns.zoneName,
      vpcs: regional.map((r) => r.network),
      comment: `Private API names of the ${id} stack, answered in every Region's VPC`,
    });
    const policy = routingOf(variant);
    const targets: Record<string, RoutedTarget> = {};
    for (const region of config.regions) {
      const api = this.regions[region.name];
      targets[region.name] = {
        alias: api.aliasTarget,
        healthCheck: api.healthCheck,
        failover: policy === 'failover' ? region.failover : undefined,
        weight: policy === 'weighted' ? region.weight : undefined,
      };
    }
    this.records = new RoutingRecords(this, 'records', {
      zone: this.zone,
      name: domainName,
      policy,
      targets,
    });

    const pairs: Array<[number, number]> = [];
    regional.forEach((_, i) =>
      regional.slice(i + 1).forEach((__, k) => pairs.push([i, i + 1 + k])),
    );
    if (config.connectivity === 'vpc-peering') {
      for (const [i, j] of pairs) {
        const [a, b] = [config.regions[i].name, config.regions[j].name];
        new VpcPeering(this, `peering-${a}-${b}`, {
          requester: regional[i].network,
          accepter: regional[j].network,
        });
      }
    } else if (config.connectivity === 'tgw-peering') {
      const gateways = config.regions.map((region, i) => {
        const gateway = new TransitGateway(scopes[region.name], 'tgw', {
          name: `${id}-${region.name}`,
          description: `Inter-Region routing of the ${id} stack in ${region.region}`,
          amazonSideAsn: 64512 + i,
        });
        const others = config.regions.filter((r) => r !== region).map((r) => r.network.vpcCidr);
        gateway.attach('vpc', regional[i].network, { routesTo: others });
        return gateway;
      });
      for (const [i, j] of pairs) {
        const [a, b] = [config.regions[i].name, config.regions[j].name];
        new TransitGatewayPeering(this, `tgw-peering-${a}-${b}`, {
          requester: { transitGateway: gateways[i], cidrs: [config.regions[i].network.vpcCidr] },
          accepter: { transitGateway: gateways[j], cidrs: [config.regions[j].network.vpcCidr] },
        });
      }
    }

    new TerraformOutput(this, 'url', {
      description: 'Invoke from a VPC of the deployment or through the resolver endpoints',
      value: `https://${domainName}/hello`,
    });
    for (const region of config.regions) {
      const api = this.regions[region.name];
      new TerraformOutput(this, `${region.name}-resolver-addresses`, {
        description: `Inbound resolver endpoint addresses in ${region.region}: forward ${config.dns.zoneName} here`,
        value: api.resolver.addresses,
      });
      new TerraformOutput(this, `${region.name}-alarm`, {
        description: `Alarm on HealthyHostCount in ${region.region} that drives the Route 53 health check`,
        value: api.healthCheck.alarm.alarmName,
      });
      new TerraformOutput(this, `${region.name}-health-check-id`, {
        value: api.healthCheck.healthCheckId,
      });
      new TerraformOutput(this, `${region.name}-target-group-arn`, {
        description:
          'Deregister the endpoint addresses from this target group to drill a Regional failure',
        value: api.targetGroupArn,
      });
    }
  }
}
