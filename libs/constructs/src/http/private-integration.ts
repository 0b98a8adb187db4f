/**
 * Private integrations of HTTP APIs: HTTP_PROXY over a VPC link (v2) to an ALB listener, an NLB
 * listener or a Cloud Map service, with the VPC link's security group opened to the target.
 */
import { Token } from 'cdktf';
import type { Construct } from 'constructs';
import type { CloudMapService } from '../discovery/cloud-map';
import { Problems } from '../errors';
import type { Connections } from '../load-balancing/connections';
import { checkHttpIntegration, HttpIntegration, HttpIntegrationProps } from './integration';
import type { VpcLinkV2 } from './vpc-link';

/** What a private integration sends requests to. */
export interface IntegrationTarget {
  readonly kind: 'alb' | 'nlb' | 'cloud-map';
  /** Listener ARN or Cloud Map service ARN with its query filters. */
  readonly uri: string;
  /** The target's security group side and port, so the VPC link can be let through. */
  readonly reach?: { readonly connections: Connections; readonly port: number };
  /** Checks on the target, reported with the integration's. */
  readonly problems?: Problems;
}

type Listener = { readonly arn: string; readonly port: number };

export const IntegrationTarget = {
  /** An ALB listener; the VPC link's group is opened to the ALB's on the listener port. */
  albListener(alb: { readonly connections: Connections }, listener: Listener): IntegrationTarget {
    return {
      kind: 'alb',
      uri: listener.arn,
      reach: { connections: alb.connections, port: listener.port },
    };
  },
  /** An NLB listener; the VPC link's group is opened to the NLB's on the listener port. */
  nlbListener(nlb: { readonly connections: Connections }, listener: Listener): IntegrationTarget {
    return {
      kind: 'nlb',
      uri: listener.arn,
      reach: { connections: nlb.connections, port: listener.port },
    };
  },
  /**
   * A Cloud Map service whose instances register SRV records (ECS tasks do with
   * `serviceRegistries`); `filters` become DiscoverInstances query parameters on the URI, e.g.
   * `{ stage: 'prod', deployment: 'green' }` -> `<arn>?deployment=green&stage=prod`. Pass
   * `reach` to open the VPC link's group to the instances.
   */
  cloudMap(
    service: Pick<CloudMapService, 'arn' | 'dnsRecordType'>,
    options: {
      readonly filters?: Record<string, string>;
      readonly reach?: { readonly connections: Connections; readonly port: number };
    } = {},
  ): IntegrationTarget {
    const problems = new Problems('IntegrationTarget.cloudMap');
    problems.check(
      service.dnsRecordType === 'SRV',
      'CloudMapRequiresSrv',
      'service.dnsRecordType',
      service.dnsRecordType,
      'must be SRV: HTTP API private integrations need the port from SRV records; A records are not supported',
    );
    const filters = Object.entries(options.filters ?? {}).sort(([a], [b]) => a.localeCompare(b));
    for (const [key, value] of filters) {
      problems.check(
        /^[A-Za-z0-9!-~]{1,255}$/.test(key) && !key.includes('=') && !key.includes('&'),
        'InvalidQueryFilter',
        `filters["${key}"]`,
        key,
        'must be an attribute name of 1-255 printable characters without = or &',
      );
      problems.check(
        value.length > 0 && value.length <= 1024,
        'InvalidQueryFilter',
        `filters["${key}"]`,
        value,
        'must be an attribute value of 1-1024 characters',
      );
    }
    const query = filters
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&');
    return {
      kind: 'cloud-map',
      uri: query ? `${service.arn}?${query}` : service.arn,
      reach: options.reach,
      problems,
    };
  },
};

export interface PrivateIntegrationProps extends Omit<
  HttpIntegrationProps,
  | 'integrationType'
  | 'integrationUri'
  | 'connectionType'
  | 'vpcLink'
  | 'integrationSubtype'
  | 'credentialsArn'
> {
  readonly vpcLink: VpcLinkV2;
  readonly target: IntegrationTarget;
}

/**
 * A private integration of an HTTP API: HTTP_PROXY, connection type VPC_LINK, payload format
 * 1.0, integration method ANY by default, to an ALB or NLB listener or a Cloud Map service. The
 * VPC link's security group is opened to the target's on the target port.
 */
export class PrivateIntegration extends HttpIntegration {
  readonly target: IntegrationTarget;

  constructor(scope: Construct, id: string, props: PrivateIntegrationProps) {
    const targetProblems = props.target.problems;
    if (targetProblems && targetProblems.items.length > 0) {
      const all = checkHttpIntegration(
        {
          ...props,
          integrationType: 'HTTP_PROXY',
          integrationUri: props.target.uri,
          connectionType: 'VPC_LINK',
        },
        `PrivateIntegration ${id}`,
      );
      all.merge(targetProblems.items).throwIfAny();
    }
    super(scope, id, {
      ...props,
      integrationType: 'HTTP_PROXY',
      integrationUri: props.target.uri,
      connectionType: 'VPC_LINK',
    });
    this.target = props.target;
    const reach = props.target.reach;
    if (reach && !Token.isUnresolved(reach.port)) {
      props.vpcLink.connections.allowTo(
        reach.connections,
        reach.port,
        `HTTP API VPC link to its ${props.target.kind} target`,
      );
    }
  }
}
