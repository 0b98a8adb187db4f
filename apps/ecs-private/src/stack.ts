import { EcrPullThroughCacheRule } from '@cdktf/provider-aws/lib/ecr-pull-through-cache-rule';
import { ITerraformDependable, TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { ReferenceStack } from '@apigw-private/constructs/app/reference-stack';
import { suppress } from '@apigw-private/constructs/guardrails/suppress';
import {
  FargateService,
  ImagePullOptions,
  LoadBalancerTarget,
} from '@apigw-private/constructs/compute/fargate-service';
import {
  CloudMapService,
  PrivateDnsNamespace,
} from '@apigw-private/constructs/discovery/cloud-map';
import { ExecuteApiEndpoint } from '@apigw-private/constructs/endpoints/execute-api-endpoint';
import { containerImageEndpoints } from '@apigw-private/constructs/endpoints/ecr-endpoints';
import { HttpApi, RouteAuthorization } from '@apigw-private/constructs/http/http-api';
import { IntegrationTarget } from '@apigw-private/constructs/http/integration';
import { VpcLinkV2 } from '@apigw-private/constructs/http/vpc-link';
import { AccessLogsBucket } from '@apigw-private/constructs/load-balancing/access-logs-bucket';
import { AlbListener, InternalAlb } from '@apigw-private/constructs/load-balancing/internal-alb';
import { InternalNlb, NlbListener } from '@apigw-private/constructs/load-balancing/internal-nlb';
import { LogsKey } from '@apigw-private/constructs/logging/log-group';
import { Network } from '@apigw-private/constructs/network/network';
import type { Mode } from '@apigw-private/constructs/providers/mode';
import { ApiGatewayAccountLogging } from '@apigw-private/constructs/rest/account-logging';
import { addPrivateProxy } from '@apigw-private/constructs/rest/private-integration';
import { PrivateRestApi } from '@apigw-private/constructs/rest/private-rest-api';
import { ResourcePolicy } from '@apigw-private/constructs/rest/resource-policy';
import { RestVpcLink } from '@apigw-private/constructs/rest/vpc-link';
import { EcsPrivateConfig, STACK_IDS, Variant } from './config';

export interface EcsPrivateStackProps {
  readonly config: EcsPrivateConfig;
  readonly mode: Mode;
  readonly variant: Variant;
  /** Whether this stack owns the account-wide singletons (API Gateway logging role, ECR cache rule). */
  readonly ownsAccountSingletons: boolean;
}

const ARCHITECTURE: Record<Variant, string> = {
  restNlb: 'Private REST API -> VPC link -> internal NLB -> ECS Fargate',
  restNlbAlb: 'Private REST API -> VPC link -> internal NLB -> internal ALB -> ECS Fargate',
  httpAlb: 'HTTP API -> VPC link v2 -> internal ALB listener -> ECS Fargate',
  httpNlb: 'HTTP API -> VPC link v2 -> internal NLB listener -> ECS Fargate',
  httpCloudMap: 'HTTP API -> VPC link v2 -> Cloud Map (SRV) -> ECS Fargate',
};

/**
 * One variant of the ECS private integration architecture, in its own VPC: a Fargate service
 * in private subnets (no NAT; ECR, Logs and S3 reached through VPC endpoints) fronted by a
 * private REST API or an HTTP API through a VPC link.
 */
export class EcsPrivateStack extends ReferenceStack {
  constructor(scope: Construct, id: string, props: EcsPrivateStackProps) {
    const { config, mode, variant } = props;
    super(scope, id, {
      app: 'ecs-private',
      mode,
      target: { accountId: config.accountId, region: config.region, roleName: config.roleName },
      backend: config.backend,
      tags: { Architecture: 'ecs-private', Variant: id },
    });
    const { accountId, region } = config;
    const lb = config.loadBalancers;
    const tls =
      lb.certificateArn && lb.backendHostname
        ? { certificateArn: lb.certificateArn, hostname: lb.backendHostname }
        : undefined;
    const port = config.container.port;

    const logsKey = config.logs.kmsKey
      ? new LogsKey(this, 'logs-key', { accountId, region })
      : undefined;
    const network = new Network(this, 'network', {
      name: id,
      cidr: config.variants[variant].vpcCidr,
      azs: config.azs,
      subnetNewBits: config.subnetNewBits,
      flowLogs: { retentionDays: config.logs.retentionDays, kmsKey: logsKey },
    });

    // The subnets have no route to the internet. Tasks reach ECR (image manifests and auth),
    // S3 (image layers) and CloudWatch Logs (awslogs) through these endpoints instead.
    const taskDependencies: ITerraformDependable[] = [];
    const imageEndpoints = config.ecsEndpoints
      ? containerImageEndpoints(this, {
          network,
          clientCidrs: [network.cidr],
          pullThroughCache:
            config.container.pullThroughCache &&
            config.container.image.startsWith('public.ecr.aws/'),
          s3EndpointName: `${id}-s3`,
        })
      : undefined;
    taskDependencies.push(...(imageEndpoints?.all ?? []));
    const s3PrefixListId = imageEndpoints?.s3.prefixListId;

    // Image: public.ecr.aws images go through an ECR pull-through cache rule, since the tasks
    // cannot reach public.ecr.aws themselves; images already in ECR are pulled directly.
    let image = config.container.image;
    let imagePull: ImagePullOptions | undefined;
    const publicEcr = /^public\.ecr\.aws\/(.+)$/.exec(image);
    const privateEcr = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([^:@]+)/.exec(image);
    if (publicEcr && config.container.pullThroughCache) {
      image = `${accountId}.dkr.ecr.${region}.amazonaws.com/ecr-public/${publicEcr[1]}`;
      imagePull = {
        repositoryArns: [`arn:aws:ecr:${region}:${accountId}:repository/ecr-public/*`],
        pullThroughCache: true,
      };
      if (props.ownsAccountSingletons && config.manageEcrPullThroughRule) {
        taskDependencies.push(
          new EcrPullThroughCacheRule(this, 'ecr-public-cache', {
            ecrRepositoryPrefix: 'ecr-public',
            upstreamRegistryUrl: 'public.ecr.aws',
          }),
        );
      }
    } else if (privateEcr) {
      imagePull = {
        repositoryArns: [
          `arn:aws:ecr:${privateEcr[2]}:${privateEcr[1]}:repository/${privateEcr[3]}`,
        ],
      };
    }

    const accessLogs = new AccessLogsBucket(this, 'lb-access-logs', {
      namePrefix: `${id}-lb-logs-`,
      expirationDays: lb.accessLogExpirationDays,
      forceDestroy: lb.accessLogForceDestroy,
    });
    const service = (extra: {
      loadBalancerTargets?: Record<string, LoadBalancerTarget>;
      cloudMap?: CloudMapService;
    }) => {
      const tasks = new FargateService(this, 'service', {
        name: id,
        network,
        image,
        imagePull,
        containerPort: port,
        cpu: config.container.cpu,
        memory: config.container.memory,
        desiredCount: config.container.desiredCount,
        writablePaths: config.container.writablePaths,
        logRetentionDays: config.logs.retentionDays,
        logsKey,
        s3PrefixListId,
        dependsOn: taskDependencies,
        ...extra,
      });
      imageEndpoints?.allowLogGroup(tasks.logGroup.arn);
      return tasks;
    };
    const healthCheck = { path: config.container.healthCheckPath };

    // An NLB whose target group holds the tasks (or, with `alb`, an ALB that holds them).
    const nlbFor = (nlbProps: {
      privateLink: boolean;
      alb?: { alb: InternalAlb; listener: AlbListener };
    }) => {
      const nlb = new InternalNlb(this, 'nlb', {
        name: `${id}-nlb`,
        network,
        accessLogs,
        deletionProtection: lb.deletionProtection,
        // A REST VPC link arrives through PrivateLink from addresses that cannot be named; only
        // API Gateway can use that endpoint service, so inbound rules are lifted for it alone.
        privateLinkInboundRules: !nlbProps.privateLink,
      });
      const targetPort = nlbProps.alb ? nlbProps.alb.listener.port : port;
      const targetGroup = nlbProps.alb
        ? nlb.addTargetGroup('alb', {
            targetType: 'alb',
            port: targetPort,
            healthCheck: { protocol: nlbProps.alb.listener.protocol, ...healthCheck },
          })
        : nlb.addTargetGroup('tasks', {
            targetType: 'ip',
            port: targetPort,
            healthCheck: { protocol: 'HTTP', ...healthCheck },
          });
      if (nlbProps.alb) targetGroup.addAlbTarget(nlbProps.alb.alb, nlbProps.alb.listener);
      // In front of an ALB the listener must be TCP on the ALB listener's port: TLS, when
      // configured, passes through to the ALB's HTTPS listener.
      const listener: NlbListener =
        tls && !nlbProps.alb
          ? nlb.addListener('tls', {
              port: 443,
              protocol: 'TLS',
              certificateArn: tls.certificateArn,
              targetGroup,
            })
          : nlb.addListener('tcp', {
              port: nlbProps.alb ? targetPort : 80,
              protocol: 'TCP',
              targetGroup,
            });
      return { nlb, targetGroup, listener };
    };
    const albFor = () => {
      const alb = new InternalAlb(this, 'alb', {
        name: `${id}-alb`,
        network,
        accessLogs,
        deletionProtection: lb.deletionProtection,
      });
      const targetGroup = alb.addTargetGroup('tasks', { port, healthCheck });
      const listener = tls
        ? alb.addListener('https', {
            port: 443,
            protocol: 'HTTPS',
            certificateArn: tls.certificateArn,
            targetGroup,
          })
        : alb.addListener('http', { port: 80, protocol: 'HTTP', targetGroup });
      if (!tls) {
        suppress(
          listener.resource,
          'ELB-006',
          'No certificate configured (loadBalancers.certificateArn): the internal ALB is reached only inside the VPC, from the VPC link or the NLB in front of it; set a certificate for HTTPS to the backend',
        );
      }
      return { alb, targetGroup, listener };
    };

    if (variant === 'restNlb' || variant === 'restNlbAlb') {
      let nlb: InternalNlb;
      let listener: NlbListener;
      if (variant === 'restNlb') {
        const front = nlbFor({ privateLink: true });
        ({ nlb, listener } = front);
        service({
          loadBalancerTargets: {
            nlb: { targetGroup: front.targetGroup, listener: front.listener },
          },
        });
      } else {
        const back = albFor();
        const front = nlbFor({
          privateLink: true,
          alb: { alb: back.alb, listener: back.listener },
        });
        ({ nlb, listener } = front);
        service({
          loadBalancerTargets: { alb: { targetGroup: back.targetGroup, listener: back.listener } },
        });
      }
      const link = new RestVpcLink(this, 'vpc-link', { name: id, targets: [nlb] });
      const endpoint = new ExecuteApiEndpoint(this, 'execute-api', {
        network,
        clientCidrs: config.clientCidrs ?? [network.cidr],
      });
      const api = new PrivateRestApi(this, 'api', {
        name: id,
        description: ARCHITECTURE[variant],
        endpoints: [endpoint],
        policy: ResourcePolicy.fromEndpoints([endpoint]),
        stage: {
          name: config.rest.stageName,
          accessLogRetentionDays: config.logs.retentionDays,
          logsKey,
          throttleRateLimit: config.rest.throttleRateLimit,
          throttleBurstLimit: config.rest.throttleBurstLimit,
        },
        accountLogging:
          props.ownsAccountSingletons && config.manageApiGatewayAccount
            ? new ApiGatewayAccountLogging(this, 'apigw-account')
            : undefined,
      });
      addPrivateProxy(api, {
        vpcLink: link,
        loadBalancer: nlb,
        port: listener.port,
        tls: tls ? { hostname: tls.hostname } : undefined,
        timeoutMillis: config.rest.timeoutMillis,
        headers: {
          'x-request-id': 'context.requestId',
          'x-source-vpce': 'context.identity.vpceId',
        },
        authorization: config.rest.authorization,
      });
      new TerraformOutput(this, 'invoke-url', {
        description:
          'Private DNS invoke URL (resolves only inside the VPC); any path is proxied to the ECS service',
        value: `${api.privateDnsUrl}/`,
      });
      new TerraformOutput(this, 'invoke-url-route53-alias', {
        description: 'Route 53 alias (endpoint-specific) invoke URL',
        value: `${api.aliasUrl(endpoint)}/`,
      });
      new TerraformOutput(this, 'api-id', { value: api.id });
    } else {
      const link = new VpcLinkV2(this, 'vpc-link', { name: id, network });
      const api = new HttpApi(this, 'api', {
        name: id,
        description: ARCHITECTURE[variant],
        stage: {
          name: config.http.stageName,
          accessLogRetentionDays: config.logs.retentionDays,
          logsKey,
          throttleRateLimit: config.http.throttleRateLimit,
          throttleBurstLimit: config.http.throttleBurstLimit,
        },
      });
      let target: IntegrationTarget;
      if (variant === 'httpAlb') {
        const back = albFor();
        service({
          loadBalancerTargets: { alb: { targetGroup: back.targetGroup, listener: back.listener } },
        });
        target = IntegrationTarget.albListener(back.alb, back.listener);
      } else if (variant === 'httpNlb') {
        const front = nlbFor({ privateLink: false });
        service({
          loadBalancerTargets: {
            nlb: { targetGroup: front.targetGroup, listener: front.listener },
          },
        });
        target = IntegrationTarget.nlbListener(front.nlb, front.listener);
      } else {
        const namespace = new PrivateDnsNamespace(this, 'namespace', {
          name: `${id}.internal`,
          vpcId: network.vpc.id,
        });
        const discovery = new CloudMapService(this, 'discovery', { namespace, name: 'app' });
        const tasks = service({ cloudMap: discovery });
        target = IntegrationTarget.cloudMap(discovery, {
          filters: config.http.cloudMapFilters,
          reach: { connections: tasks.connections, port },
        });
      }
      const jwt = config.http.authorization === 'JWT';
      const authorization: RouteAuthorization = jwt
        ? {
            type: 'JWT',
            authorizer: api.addJwtAuthorizer('jwt', {
              issuer: config.http.jwt.issuer,
              audience: config.http.jwt.audience,
            }),
          }
        : { type: 'AWS_IAM' };
      const integration = api.addPrivateIntegration('backend', {
        vpcLink: link,
        target,
        // Cloud Map targets are tasks, which serve plain HTTP; listeners get TLS when configured.
        tlsServerName: tls && variant !== 'httpCloudMap' ? tls.hostname : undefined,
        stripStagePath: config.http.stripStagePath,
        timeoutMillis: config.http.timeoutMillis,
        requestParameters: {
          'append:header.x-request-id': '$context.requestId',
          'overwrite:header.x-caller': jwt
            ? '$context.authorizer.claims.sub'
            : '$context.identity.userArn',
        },
        responseParameters: { '200': { 'append:header.x-private-integration': id } },
      });
      api.addRoute('ANY /', { integration, authorization });
      api.addRoute('ANY /{proxy+}', { integration, authorization });
      new TerraformOutput(this, 'invoke-url', {
        description: `HTTP API URL (public endpoint; every route requires ${jwt ? 'a JWT' : 'SigV4 (IAM)'})`,
        value: `${api.url}/`,
      });
      new TerraformOutput(this, 'api-id', { value: api.id });
    }
    new TerraformOutput(this, 'architecture', {
      value: `${STACK_IDS[variant]}: ${ARCHITECTURE[variant]}`,
    });
  }
}
