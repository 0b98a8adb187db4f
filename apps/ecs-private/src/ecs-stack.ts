import { EcrPullThroughCacheRule } from '@cdktf/provider-aws/lib/ecr-pull-through-cache-rule';
import { ITerraformDependable, TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import {
  ReferenceStack,
  singleTargetStackProps,
} from '@apigw-private/constructs/app/reference-stack';
import {
  FargateService,
  ImagePullOptions,
  LoadBalancerTarget,
} from '@apigw-private/constructs/compute/fargate-service';
import type { CloudMapService } from '@apigw-private/constructs/discovery/cloud-map';
import {
  ContainerImageEndpoints,
  containerImageEndpoints,
} from '@apigw-private/constructs/endpoints/ecr-endpoints';
import { suppress } from '@apigw-private/constructs/guardrails/suppress';
import { AccessLogsBucket } from '@apigw-private/constructs/load-balancing/access-logs-bucket';
import {
  AlbListener,
  AlbTargetGroup,
  InternalAlb,
} from '@apigw-private/constructs/load-balancing/internal-alb';
import {
  InternalNlb,
  NlbListener,
  NlbTargetGroup,
} from '@apigw-private/constructs/load-balancing/internal-nlb';
import type { LogsKey } from '@apigw-private/constructs/logging/log-group';
import type { Network } from '@apigw-private/constructs/network/network';
import type { Mode } from '@apigw-private/constructs/providers/mode';
import { logsKeyFor, networkFor } from '@apigw-private/constructs/spine/private-api-spine';
import { EcsPrivateConfig, STACK_IDS, Variant } from './config';

export interface EcsPrivateStackProps {
  readonly config: EcsPrivateConfig;
  readonly mode: Mode;
  /** Whether this stack creates the account-wide ECR pull-through cache rule for public.ecr.aws. */
  readonly ownsAccountSingletons: boolean;
}

export const ARCHITECTURE: Record<Variant, string> = {
  restNlb: 'Private REST API -> VPC link -> internal NLB -> ECS Fargate',
  restNlbAlb: 'Private REST API -> VPC link -> internal NLB -> internal ALB -> ECS Fargate',
  httpAlb: 'HTTP API -> VPC link v2 -> internal ALB listener -> ECS Fargate',
  httpNlb: 'HTTP API -> VPC link v2 -> internal NLB listener -> ECS Fargate',
  httpCloudMap: 'HTTP API -> VPC link v2 -> Cloud Map (SRV) -> ECS Fargate',
};

/** TLS on the load balancers, when config gives a certificate and the name in it. */
export interface BackendTls {
  readonly certificateArn: string;
  readonly hostname: string;
}

/**
 * What every variant of the ECS private integration architecture shares, in its own VPC: a
 * Fargate service in private subnets (no NAT; ECR, Logs and S3 reached through VPC endpoints),
 * the load balancer access log bucket, and the builders of the internal NLB and ALB. Each
 * variant is a small subclass that adds its load balancers and its API.
 */
export abstract class EcsPrivateStack extends ReferenceStack {
  readonly config: EcsPrivateConfig;
  readonly variant: Variant;
  protected readonly logsKey?: LogsKey;
  protected readonly network: Network;
  protected readonly tls?: BackendTls;
  private readonly taskDependencies: ITerraformDependable[] = [];
  private imageEndpoints?: ContainerImageEndpoints;
  private readonly s3PrefixListId?: string;
  private readonly image: string;
  private readonly imagePull?: ImagePullOptions;
  private readonly accessLogs: AccessLogsBucket;

  protected constructor(scope: Construct, variant: Variant, props: EcsPrivateStackProps) {
    const id = STACK_IDS[variant];
    super(scope, id, singleTargetStackProps('ecs-private', props, { Variant: id }));
    const { config } = props;
    this.config = config;
    this.variant = variant;
    const lb = config.loadBalancers;
    this.tls =
      lb.certificateArn && lb.backendHostname
        ? { certificateArn: lb.certificateArn, hostname: lb.backendHostname }
        : undefined;
    this.logsKey = logsKeyFor(this, config.logs);
    this.network = networkFor(
      this,
      id,
      {
        vpcCidr: config.variants[variant].vpcCidr,
        azs: config.azs,
        subnetNewBits: config.subnetNewBits,
      },
      config.logs,
      this.logsKey,
    );
    this.s3PrefixListId = config.ecsEndpoints ? this.taskEndpoints() : undefined;
    ({ image: this.image, imagePull: this.imagePull } = this.imageSource(
      props.ownsAccountSingletons,
    ));
    this.accessLogs = new AccessLogsBucket(this, 'lb-access-logs', {
      namePrefix: `${id}-lb-logs-`,
      expirationDays: lb.accessLogExpirationDays,
      forceDestroy: lb.accessLogForceDestroy,
    });
    new TerraformOutput(this, 'architecture', {
      value: `${id}: ${ARCHITECTURE[variant]}`,
    });
  }

  /**
   * The subnets have no route to the internet. Tasks reach ECR (image manifests and auth), S3
   * (image layers) and CloudWatch Logs (awslogs) through these endpoints instead, each with a
   * least-privilege policy. Returns the S3 prefix list the tasks' egress needs.
   */
  private taskEndpoints(): string {
    const { container } = this.config;
    this.imageEndpoints = containerImageEndpoints(this, {
      network: this.network,
      clientCidrs: [this.network.cidr],
      pullThroughCache: container.pullThroughCache && container.image.startsWith('public.ecr.aws/'),
      s3EndpointName: `${this.node.id}-s3`,
    });
    this.taskDependencies.push(...this.imageEndpoints.all);
    return this.imageEndpoints.s3.prefixListId;
  }

  /**
   * Image: public.ecr.aws images go through an ECR pull-through cache rule, since the tasks
   * cannot reach public.ecr.aws themselves; images already in ECR are pulled directly.
   */
  private imageSource(ownsRule: boolean): { image: string; imagePull?: ImagePullOptions } {
    const { accountId, region, container } = this.config;
    const publicEcr = /^public\.ecr\.aws\/(.+)$/.exec(container.image);
    const privateEcr = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([^:@]+)/.exec(
      container.image,
    );
    if (publicEcr && container.pullThroughCache) {
      if (ownsRule && this.config.manageEcrPullThroughRule) {
        this.taskDependencies.push(
          new EcrPullThroughCacheRule(this, 'ecr-public-cache', {
            ecrRepositoryPrefix: 'ecr-public',
            upstreamRegistryUrl: 'public.ecr.aws',
          }),
        );
      }
      return {
        image: `${accountId}.dkr.ecr.${region}.amazonaws.com/ecr-public/${publicEcr[1]}`,
        imagePull: {
          repositoryArns: [`arn:aws:ecr:${region}:${accountId}:repository/ecr-public/*`],
          pullThroughCache: true,
        },
      };
    }
    if (privateEcr) {
      return {
        image: container.image,
        imagePull: {
          repositoryArns: [
            `arn:aws:ecr:${privateEcr[2]}:${privateEcr[1]}:repository/${privateEcr[3]}`,
          ],
        },
      };
    }
    return { image: container.image };
  }

  /** The Fargate service of the variant, registered with its load balancer or Cloud Map. */
  protected service(extra: {
    loadBalancerTargets?: Record<string, LoadBalancerTarget>;
    cloudMap?: CloudMapService;
  }): FargateService {
    const { container, logs } = this.config;
    const tasks = new FargateService(this, 'service', {
      name: this.node.id,
      network: this.network,
      image: this.image,
      imagePull: this.imagePull,
      containerPort: container.port,
      cpu: container.cpu,
      memory: container.memory,
      desiredCount: container.desiredCount,
      writablePaths: container.writablePaths,
      logRetentionDays: logs.retentionDays,
      logsKey: this.logsKey,
      s3PrefixListId: this.s3PrefixListId,
      dependsOn: this.taskDependencies,
      ...extra,
    });
    this.imageEndpoints?.allowLogGroup(tasks.logGroup.arn);
    return tasks;
  }

  /**
   * An internal NLB whose target group holds the tasks, or with `alb` the ALB in front of them.
   * `privateLink`: a REST VPC link arrives through PrivateLink from addresses that cannot be
   * named; only API Gateway can use that endpoint service, so inbound rules are lifted for it.
   */
  protected nlb(options: {
    privateLink: boolean;
    alb?: { alb: InternalAlb; listener: AlbListener };
  }): {
    nlb: InternalNlb;
    targetGroup: NlbTargetGroup;
    listener: NlbListener;
  } {
    const lb = this.config.loadBalancers;
    const port = this.config.container.port;
    const healthCheck = { path: this.config.container.healthCheckPath };
    const nlb = new InternalNlb(this, 'nlb', {
      name: `${this.node.id}-nlb`,
      network: this.network,
      accessLogs: this.accessLogs,
      deletionProtection: lb.deletionProtection,
      privateLinkInboundRules: !options.privateLink,
    });
    const alb = options.alb;
    const targetPort = alb ? alb.listener.port : port;
    const targetGroup = alb
      ? nlb.addTargetGroup('alb', {
          targetType: 'alb',
          port: targetPort,
          healthCheck: { protocol: alb.listener.protocol, ...healthCheck },
        })
      : nlb.addTargetGroup('tasks', {
          targetType: 'ip',
          port: targetPort,
          healthCheck: { protocol: 'HTTP', ...healthCheck },
        });
    if (alb) targetGroup.addAlbTarget(alb.alb, alb.listener);
    // In front of an ALB the listener must be TCP on the ALB listener's port: TLS, when
    // configured, passes through to the ALB's HTTPS listener.
    const listener: NlbListener =
      this.tls && !alb
        ? nlb.addListener('tls', {
            port: 443,
            protocol: 'TLS',
            certificateArn: this.tls.certificateArn,
            targetGroup,
          })
        : nlb.addListener('tcp', { port: alb ? targetPort : 80, protocol: 'TCP', targetGroup });
    return { nlb, targetGroup, listener };
  }

  /** An internal ALB whose target group holds the tasks; HTTPS when config gives a certificate. */
  protected alb(): { alb: InternalAlb; targetGroup: AlbTargetGroup; listener: AlbListener } {
    const alb = new InternalAlb(this, 'alb', {
      name: `${this.node.id}-alb`,
      network: this.network,
      accessLogs: this.accessLogs,
      deletionProtection: this.config.loadBalancers.deletionProtection,
    });
    const targetGroup = alb.addTargetGroup('tasks', {
      port: this.config.container.port,
      healthCheck: { path: this.config.container.healthCheckPath },
    });
    const listener = this.tls
      ? alb.addListener('https', {
          port: 443,
          protocol: 'HTTPS',
          certificateArn: this.tls.certificateArn,
          targetGroup,
        })
      : alb.addListener('http', { port: 80, protocol: 'HTTP', targetGroup });
    if (!this.tls) {
      suppress(
        listener.resource,
        'ELB-006',
        'No certificate configured (loadBalancers.certificateArn): the internal ALB is reached only inside the VPC, from the VPC link or the NLB in front of it; set a certificate for HTTPS to the backend',
      );
    }
    return { alb, targetGroup, listener };
  }
}
