/**
 * AWS Cloud Map: a private DNS namespace and services whose instances register SRV records,
 * the form HTTP API private integrations need (they read each instance's IP and port).
 *
 * ```ts
 * const namespace = new PrivateDnsNamespace(this, 'ns', { name: 'orders.internal', vpcId: network.vpc.id });
 * const discovery = new CloudMapService(this, 'svc', { namespace, name: 'api' });
 * new FargateService(this, 'app', { ..., cloudMap: discovery });    // ECS registers each task
 * api.addPrivateIntegration('cm', { vpcLink, target: IntegrationTarget.cloudMap(discovery, { filters }) });
 * ```
 */
import { ServiceDiscoveryPrivateDnsNamespace } from '@cdktf/provider-aws/lib/service-discovery-private-dns-namespace';
import { ServiceDiscoveryService } from '@cdktf/provider-aws/lib/service-discovery-service';
import { Construct } from 'constructs';
import { Problems } from '../errors';

const DNS_NAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export interface PrivateDnsNamespaceProps {
  /** Namespace (DNS zone) name, e.g. `orders.internal`. */
  readonly name: string;
  /** VPC whose resolver answers for the namespace. */
  readonly vpcId: string;
}

/** A Cloud Map private DNS namespace: a private hosted zone tied to one VPC. */
export class PrivateDnsNamespace extends Construct {
  readonly resource: ServiceDiscoveryPrivateDnsNamespace;
  readonly name: string;

  constructor(scope: Construct, id: string, props: PrivateDnsNamespaceProps) {
    super(scope, id);
    new Problems(`PrivateDnsNamespace ${this.node.path}`)
      .check(
        DNS_NAME.test(props.name),
        'InvalidNamespaceName',
        'props.name',
        props.name,
        'must be a lowercase DNS name such as orders.internal',
      )
      .throwIfAny();
    this.name = props.name;
    this.resource = new ServiceDiscoveryPrivateDnsNamespace(this, 'resource', {
      name: props.name,
      vpc: props.vpcId,
      description: `Service discovery for ${props.name}`,
    });
  }

  get id(): string {
    return this.resource.id;
  }
}

export interface CloudMapServiceProps {
  readonly namespace: PrivateDnsNamespace;
  /** Service name; instances resolve as `_<name>._tcp`-style SRV records under the namespace. */
  readonly name: string;
  /**
   * DNS record type registered per instance. Only SRV is accepted: HTTP API private
   * integrations need the port, which A records do not carry.
   * @default 'SRV'
   */
  readonly dnsRecordType?: string;
  /**
   * Record TTL in seconds.
   * @default 10
   */
  readonly ttlSeconds?: number;
}

/**
 * A Cloud Map service with SRV records, multivalue routing and custom health checks (ECS
 * reports task health). Refuses A and AAAA records with a clear error, since API Gateway cannot
 * use them.
 */
export class CloudMapService extends Construct {
  readonly resource: ServiceDiscoveryService;
  readonly dnsRecordType: string;

  constructor(scope: Construct, id: string, props: CloudMapServiceProps) {
    super(scope, id);
    const recordType = props.dnsRecordType ?? 'SRV';
    const ttl = props.ttlSeconds ?? 10;
    new Problems(`CloudMapService ${this.node.path}`)
      .check(
        recordType === 'SRV',
        'CloudMapRequiresSrv',
        'props.dnsRecordType',
        recordType,
        'must be SRV: HTTP API private integrations read the port from SRV records; A records are not supported',
      )
      .check(
        /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(props.name),
        'InvalidServiceName',
        'props.name',
        props.name,
        'must be a DNS label of lowercase letters, digits and hyphens',
      )
      .check(
        Number.isInteger(ttl) && ttl >= 0 && ttl <= 2147483647,
        'InvalidTtl',
        'props.ttlSeconds',
        ttl,
        'must be a whole number of seconds, 0 or more',
      )
      .throwIfAny();
    this.dnsRecordType = recordType;
    this.resource = new ServiceDiscoveryService(this, 'resource', {
      name: props.name,
      description: `Cloud Map service ${props.name}.${props.namespace.name} (SRV)`,
      dnsConfig: {
        namespaceId: props.namespace.id,
        routingPolicy: 'MULTIVALUE',
        dnsRecords: [{ type: 'SRV', ttl }],
      },
      // No health_check_custom_config: provider 5.100.0 sends a HealthCheckCustomConfig only when
      // its deprecated failure_threshold is set (a plan warning), so an empty block was never sent
      // to AWS and made every later plan replace the service, found by applying it against the
      // emulator (https://github.com/hashicorp/terraform-provider-aws/issues/44285). ECS still
      // registers each task's SRV record when it starts and removes it when it stops.
      // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-discovery.html
    });
  }

  get arn(): string {
    return this.resource.arn;
  }
}
