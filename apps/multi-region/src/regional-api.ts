import { Construct } from 'constructs';
import { InboundResolverEndpoint } from '@apigw-private/constructs/dns/resolver';
import { LoadBalancerHealthCheck } from '@apigw-private/constructs/dns/routing-records';
import type { ExecuteApiEndpoint } from '@apigw-private/constructs/endpoints/execute-api-endpoint';
import { AccessLogsBucket } from '@apigw-private/constructs/load-balancing/access-logs-bucket';
import { AlbTargetGroup, InternalAlb } from '@apigw-private/constructs/load-balancing/internal-alb';
import {
  InternalNlb,
  interfaceEndpointAddresses,
  NlbTargetGroup,
} from '@apigw-private/constructs/load-balancing/internal-nlb';
import type { Network } from '@apigw-private/constructs/network/network';
import { mockIntegration } from '@apigw-private/constructs/rest/mock-integration';
import type { PrivateRestApi } from '@apigw-private/constructs/rest/private-rest-api';
import { RegionalCustomDomain } from '@apigw-private/constructs/rest/regional-custom-domain';
import { PrivateApiSpine } from '@apigw-private/constructs/spine/private-api-spine';
import type { MultiRegionConfig, RegionConfig } from './config';

/** API Gateway's own health path: the execute-api endpoint answers it with 200 (any other path: 403). */
export const PING_PATH = '/ping';

export interface RegionalApiProps {
  readonly config: MultiRegionConfig;
  readonly region: RegionConfig;
  /** Stack ID, used in AWS names so that the four variants can share an account. */
  readonly stackId: string;
  readonly front: 'nlb' | 'alb';
  /** The API's name in DNS, e.g. `failover-nlb.internal.example.com`. */
  readonly domainName: string;
  /** Networks admitted on the load balancer's 443: every VPC of the deployment and clientCidrs. */
  readonly clientCidrs: readonly string[];
}

/**
 * Everything one Region holds, built inside that Region's AccountScope: the VPC, the
 * execute-api endpoint, the private API with its resource policy, the Regional custom domain with
 * the Region's certificate, the internal load balancer (NLB with a TLS listener or ALB with an
 * HTTPS listener) whose IP targets are the endpoint's addresses, the CloudWatch-alarm health
 * check Route 53 uses for this Region, and the inbound resolver endpoint.
 */
export class RegionalApi extends Construct {
  readonly network: Network;
  readonly endpoint: ExecuteApiEndpoint;
  readonly api: PrivateRestApi;
  readonly domain: RegionalCustomDomain;
  readonly loadBalancer: InternalNlb | InternalAlb;
  /** The target group of the endpoint addresses (deregister them to drill a Regional failure). */
  readonly targetGroupArn: string;
  readonly healthCheck: LoadBalancerHealthCheck;
  readonly resolver: InboundResolverEndpoint;

  constructor(scope: Construct, id: string, props: RegionalApiProps) {
    super(scope, id);
    const { config, region } = props;
    const name = `${props.stackId}-${region.name}`;

    // The load balancer sits in this VPC, so the VPC is the endpoint's only client network.
    const spine = new PrivateApiSpine(this, {
      network: { name, ...region.network },
      logs: config.logs,
      api: config.api,
      apiName: `${config.api.name}-${props.stackId}`,
      description: `Private REST API of the multi-region reference architecture (${region.region})`,
    });
    this.network = spine.network;
    this.endpoint = spine.endpoint;
    this.api = spine.api;
    // Answers with its Region, so a client (and the failover drill) sees which Region served it.
    this.api.addMethod('/hello', 'GET', {
      authorization: config.api.authorization,
      integration: mockIntegration(
        JSON.stringify({
          message: 'Hello from a private API',
          region: region.region,
          stack: props.stackId,
        }),
      ),
    });

    const certificate = { certificateArn: region.certificateArn! };
    this.domain = new RegionalCustomDomain(this, 'domain', {
      domainName: props.domainName,
      certificate,
      api: this.api,
    });

    const accessLogs = new AccessLogsBucket(this, 'lb-logs', {
      namePrefix: `${name}-lb-logs-`.slice(0, 37),
      expirationDays: config.loadBalancer.accessLogsExpirationDays,
    });
    const lbProps = {
      name,
      network: this.network,
      accessLogs,
      deletionProtection: config.loadBalancer.deletionProtection,
      clients: { cidrs: props.clientCidrs },
    };
    // One address per subnet of the endpoint, read when the endpoint exists (deferred at plan).
    const addresses = interfaceEndpointAddresses(
      this,
      'endpoint-ip',
      this.endpoint.endpoint.resource,
      this.network.azs.length,
    );

    const listener = {
      port: 443,
      certificateArn: certificate.certificateArn,
      sslPolicy: config.loadBalancer.tlsPolicy,
    };
    let targets: NlbTargetGroup | AlbTargetGroup;
    if (props.front === 'nlb') {
      const nlb = new InternalNlb(this, 'nlb', lbProps);
      // The NLB re-encrypts to the endpoint (TLS target group) and checks API Gateway's /ping,
      // which proves more than an open TCP port.
      const group = nlb.addTargetGroup('execute-api', {
        targetType: 'ip',
        port: 443,
        protocol: 'TLS',
        healthCheck: { protocol: 'HTTPS', path: PING_PATH, matcher: '200' },
      });
      nlb.addListener('tls', { ...listener, protocol: 'TLS', targetGroup: group });
      this.loadBalancer = nlb;
      targets = group;
    } else {
      const alb = new InternalAlb(this, 'alb', lbProps);
      // API Gateway answers 403 on any path but /ping, so /ping with 200 is the only honest check.
      const group = alb.addTargetGroup('execute-api', {
        port: 443,
        protocol: 'HTTPS',
        targetType: 'ip',
        healthCheck: { path: PING_PATH, matcher: '200' },
      });
      alb.addListener('https', { ...listener, protocol: 'HTTPS', targetGroup: group });
      this.loadBalancer = alb;
      targets = group;
    }
    // The targets are the endpoint's addresses, in this VPC, on 443.
    targets.addIpTargets('endpoint', { addresses });
    this.loadBalancer.connections.allowToCidrs(
      [this.network.cidr],
      443,
      `${props.front.toUpperCase()} to the execute-api endpoint addresses`,
    );
    this.targetGroupArn = targets.arn;
    this.healthCheck = new LoadBalancerHealthCheck(this, 'health', {
      name,
      loadBalancer: {
        arnSuffix: this.loadBalancer.resource.arnSuffix,
        loadBalancerType: props.front === 'nlb' ? 'network' : 'application',
      },
      targetGroup: { arnSuffix: targets.resource.arnSuffix },
      minHealthyTargets: config.healthCheck.minHealthyTargets,
      evaluationPeriods: config.healthCheck.evaluationPeriods,
      insufficientDataHealthStatus: config.healthCheck.insufficientDataHealthStatus,
    });

    this.resolver = new InboundResolverEndpoint(this, 'resolver', {
      network: this.network,
      name,
      clientCidrs: config.dns.resolverClientCidrs,
    });
  }

  /** What a Route 53 alias record needs. */
  get aliasTarget(): { dnsName: string; zoneId: string } {
    return {
      dnsName: this.loadBalancer.resource.dnsName,
      zoneId: this.loadBalancer.resource.zoneId,
    };
  }
}
