/**
 * An ECS service on Fargate in private subnets, reachable only from the load balancer or VPC
 * link that fronts it.
 *
 * ```ts
 * const app = new FargateService(this, 'app', {
 *   name: 'orders',
 *   network,
 *   image: 'public.ecr.aws/nginx/nginx:stable',
 *   containerPort: 80,
 *   writablePaths: ['/var/cache/nginx', '/var/run', '/tmp'],     // root filesystem is read-only
 *   logRetentionDays: 90,
 *   loadBalancerTargets: { nlb: { targetGroup: tg, listener } },   // registers tasks, opens the NLB group
 *   cloudMap: discovery,                                          // or registers SRV records
 * });
 * link.connections.allowTo(app.connections, 80, 'VPC link to the tasks');
 * ```
 */
import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { targetOf } from '../app/account-scope';
import type { CloudMapService } from '../discovery/cloud-map';
import { Problems } from '../errors';
import { ServiceRole } from '../iam/service-role';
import { Connections } from '../load-balancing/connections';
import { LogGroup, LogsKey } from '../logging/log-group';
import { SecurityGroup } from '../network/security-group';

/** CPU units Fargate offers, with the memory (MiB) each allows. */
const FARGATE_SIZES: Record<number, (memory: number) => boolean> = {
  256: (m) => [512, 1024, 2048].includes(m),
  512: (m) => m >= 1024 && m <= 4096 && m % 1024 === 0,
  1024: (m) => m >= 2048 && m <= 8192 && m % 1024 === 0,
  2048: (m) => m >= 4096 && m <= 16384 && m % 1024 === 0,
  4096: (m) => m >= 8192 && m <= 30720 && m % 1024 === 0,
  8192: (m) => m >= 16384 && m <= 61440 && m % 4096 === 0,
  16384: (m) => m >= 32768 && m <= 122880 && m % 8192 === 0,
};

/** A target group the service registers its tasks with, and the listener it waits for. */
export interface LoadBalancerTarget {
  readonly targetGroup: {
    readonly arn: string;
    readonly loadBalancer: { readonly connections: Connections };
  };
  /** The listener forwarding to the group; ECS refuses a group no load balancer uses yet. */
  readonly listener: { readonly resource: ITerraformDependable };
}

export interface ImagePullOptions {
  /** ECR repositories the execution role may pull from (ARNs, wildcards allowed). */
  readonly repositoryArns: readonly string[];
  /**
   * Also allow the first pull through an ECR pull-through cache rule, which creates the
   * repository and imports the upstream image.
   * @default false
   */
  readonly pullThroughCache?: boolean;
}

export interface FargateServiceProps {
  /** Name of the cluster, service, task family and log group. */
  readonly name: string;
  /** VPC and private subnets of the tasks. */
  readonly network: {
    readonly vpc: { readonly id: string };
    readonly subnetIds: string[];
    readonly cidr: string;
  };
  /** Container image reference. */
  readonly image: string;
  /** Port the container listens on. */
  readonly containerPort: number;
  /**
   * CPU units of the task.
   * @default 256
   */
  readonly cpu?: number;
  /**
   * Memory of the task in MiB; must suit the CPU size.
   * @default 512
   */
  readonly memory?: number;
  /**
   * Number of tasks.
   * @default 2
   */
  readonly desiredCount?: number;
  /** Days to keep container logs. */
  readonly logRetentionDays: number;
  /**
   * Key that encrypts the container log group.
   * @default - service-managed encryption
   */
  readonly logsKey?: LogsKey;
  /**
   * Paths the container may write to (each an ephemeral task volume); the root filesystem is
   * read-only.
   * @default - none
   */
  readonly writablePaths?: readonly string[];
  /**
   * Plain environment variables (never secrets).
   * @default - none
   */
  readonly environment?: Record<string, string>;
  /**
   * ECR permissions of the execution role.
   * @default - none; enough for public registries reached through a NAT or proxy
   */
  readonly imagePull?: ImagePullOptions;
  /**
   * Permissions of the task role (what the application may call), keyed by statement name.
   * @default - none
   */
  readonly taskPermissions?: Record<string, Omit<DataAwsIamPolicyDocumentStatement, 'sid'>>;
  /**
   * Target groups the tasks register with, keyed by a stable name; each load balancer's
   * security group is let in on the container port.
   * @default - none
   */
  readonly loadBalancerTargets?: Record<string, LoadBalancerTarget>;
  /**
   * Cloud Map service the tasks register in (SRV records with the container port).
   * @default - none
   */
  readonly cloudMap?: Pick<CloudMapService, 'arn' | 'dnsRecordType'>;
  /**
   * Prefix list of the S3 gateway endpoint, for image layers pulled from ECR.
   * @default - no S3 egress rule
   */
  readonly s3PrefixListId?: string;
  /**
   * Resources the service must wait for (VPC endpoints the tasks need to start, say).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A Fargate service in private subnets: cluster with Container Insights, task definition in
 * awsvpc mode with separate execution and task roles, awslogs with retention, read-only root
 * filesystem, not privileged, no public IP, and a security group that admits only the load
 * balancers and VPC links wired to it (through `connections`); out only 443 to the VPC (for
 * interface endpoints) and to S3 when a gateway endpoint prefix list is given.
 */
export class FargateService extends Construct {
  readonly cluster: EcsCluster;
  readonly taskDefinition: EcsTaskDefinition;
  readonly service: EcsService;
  readonly securityGroup: SecurityGroup;
  readonly connections: Connections;
  readonly executionRole: ServiceRole;
  readonly taskRole: ServiceRole;
  readonly logGroup: LogGroup;
  readonly containerName = 'app';
  readonly containerPort: number;

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    const cpu = props.cpu ?? 256;
    const memory = props.memory ?? 512;
    const desired = props.desiredCount ?? 2;
    const problems = new Problems(`FargateService ${this.node.path}`);
    problems.check(
      /^[A-Za-z0-9_-]{1,255}$/.test(props.name),
      'InvalidName',
      'props.name',
      props.name,
      'must be 1-255 characters of [A-Za-z0-9_-]',
    );
    problems.check(
      props.image.trim().length > 0 && !/\s/.test(props.image),
      'InvalidImage',
      'props.image',
      props.image,
      'must be an image reference such as public.ecr.aws/nginx/nginx:stable',
    );
    problems.checkPort('props.containerPort', props.containerPort);
    const sizeOk = FARGATE_SIZES[cpu];
    problems.check(
      sizeOk !== undefined,
      'InvalidCpu',
      'props.cpu',
      cpu,
      `must be one of ${Object.keys(FARGATE_SIZES).join(', ')}`,
    );
    if (sizeOk)
      problems.check(
        sizeOk(memory),
        'InvalidMemory',
        'props.memory',
        memory,
        `must be a memory size Fargate offers with ${cpu} CPU units`,
      );
    problems.check(
      Number.isInteger(desired) && desired >= 0,
      'InvalidDesiredCount',
      'props.desiredCount',
      desired,
      'must be a whole number, 0 or more',
    );
    problems.checkEach(
      props.writablePaths ?? [],
      (p) => /^\/[A-Za-z0-9._/-]*$/.test(p) && p !== '/',
      'InvalidWritablePath',
      'props.writablePaths',
      'must be an absolute path other than /',
    );
    problems.check(
      props.cloudMap === undefined || props.cloudMap.dnsRecordType === 'SRV',
      'CloudMapRequiresSrv',
      'props.cloudMap.dnsRecordType',
      props.cloudMap?.dnsRecordType,
      'must be SRV: awsvpc tasks register with their port only in SRV records, which HTTP API integrations need',
    );
    problems.throwIfAny();
    this.containerPort = props.containerPort;
    const { accountId, region } = targetOf(this);

    this.cluster = new EcsCluster(this, 'cluster', {
      name: props.name,
      setting: [{ name: 'containerInsights', value: 'enabled' }],
    });

    const logGroupName = `/ecs/${props.name}`;
    this.logGroup = new LogGroup(this, 'logs', {
      name: logGroupName,
      retentionDays: props.logRetentionDays,
      kmsKey: props.logsKey,
    });

    const pull = props.imagePull;
    const executionStatements: Record<string, Omit<DataAwsIamPolicyDocumentStatement, 'sid'>> = {
      WriteContainerLogs: {
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${this.logGroup.arn}:*`],
      },
    };
    if (pull) {
      // GetAuthorizationToken has no resource-level permissions; the pulls themselves are scoped.
      executionStatements.EcrLogin = { actions: ['ecr:GetAuthorizationToken'], resources: ['*'] };
      executionStatements.EcrPull = {
        actions: [
          'ecr:BatchGetImage',
          'ecr:GetDownloadUrlForLayer',
          'ecr:BatchCheckLayerAvailability',
        ],
        resources: [...pull.repositoryArns],
      };
      if (pull.pullThroughCache) {
        executionStatements.EcrPullThroughCache = {
          actions: ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository'],
          resources: [...pull.repositoryArns],
        };
      }
    }
    // Task and execution roles are assumed by ECS for this account's tasks only.
    this.executionRole = new ServiceRole(this, 'execution-role', {
      service: 'ecs-tasks.amazonaws.com',
      sourceAccount: accountId,
      namePrefix: `${props.name.slice(0, 20)}-exec-`,
      statements: executionStatements,
    });
    this.taskRole = new ServiceRole(this, 'task-role', {
      service: 'ecs-tasks.amazonaws.com',
      sourceAccount: accountId,
      namePrefix: `${props.name.slice(0, 20)}-task-`,
      statements: props.taskPermissions,
    });

    const volumes = (props.writablePaths ?? []).map((path, i) => ({ name: `scratch-${i}`, path }));
    const container = {
      name: this.containerName,
      image: props.image,
      essential: true,
      readonlyRootFilesystem: true,
      privileged: false,
      portMappings: [{ containerPort: props.containerPort, protocol: 'tcp', name: 'http' }],
      environment: Object.entries(props.environment ?? {}).map(([name, value]) => ({
        name,
        value,
      })),
      mountPoints: volumes.map((v) => ({
        sourceVolume: v.name,
        containerPath: v.path,
        readOnly: false,
      })),
      linuxParameters: { initProcessEnabled: true },
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': logGroupName,
          'awslogs-region': region,
          'awslogs-stream-prefix': props.name,
        },
      },
    };
    this.taskDefinition = new EcsTaskDefinition(this, 'task', {
      family: props.name,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(cpu),
      memory: String(memory),
      executionRoleArn: this.executionRole.arn,
      taskRoleArn: this.taskRole.arn,
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
      volume: volumes.map((v) => ({ name: v.name })),
      containerDefinitions: JSON.stringify([container]),
      dependsOn: [this.logGroup.resource],
    });

    this.securityGroup = new SecurityGroup(this, 'sg', {
      vpcId: props.network.vpc.id,
      name: `${props.name}-tasks`,
      description: `Fargate tasks of ${props.name}: in only from their load balancer or VPC link, out 443 to the VPC endpoints`,
      egress: {
        endpoints: {
          description: 'HTTPS to interface VPC endpoints (ECR, CloudWatch Logs)',
          protocol: 'tcp',
          ports: 443,
          cidrs: [props.network.cidr],
        },
      },
    });
    if (props.s3PrefixListId) {
      new VpcSecurityGroupEgressRule(this.securityGroup, 'out-s3', {
        securityGroupId: this.securityGroup.id,
        description: 'HTTPS to S3 through the gateway endpoint (ECR image layers)',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        prefixListId: props.s3PrefixListId,
      });
    }
    this.connections = new Connections(
      this.securityGroup,
      this.securityGroup,
      `${props.name}-tasks`,
    );

    const targets = Object.entries(props.loadBalancerTargets ?? {});
    for (const [key, target] of targets) {
      target.targetGroup.loadBalancer.connections.allowTo(
        this.connections,
        props.containerPort,
        `Load balancer (${key}) to the ${props.name} tasks`,
      );
    }
    this.service = new EcsService(this, 'service', {
      name: props.name,
      cluster: this.cluster.arn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: desired,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      networkConfiguration: {
        subnets: props.network.subnetIds,
        securityGroups: [this.securityGroup.id],
        assignPublicIp: false,
      },
      loadBalancer: targets.map(([, t]) => ({
        targetGroupArn: t.targetGroup.arn,
        containerName: this.containerName,
        containerPort: props.containerPort,
      })),
      healthCheckGracePeriodSeconds: targets.length > 0 ? 60 : undefined,
      serviceRegistries: props.cloudMap
        ? {
            registryArn: props.cloudMap.arn,
            containerName: this.containerName,
            containerPort: props.containerPort,
          }
        : undefined,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      enableExecuteCommand: false,
      propagateTags: 'SERVICE',
      waitForSteadyState: false,
      dependsOn: [...targets.map(([, t]) => t.listener.resource), ...(props.dependsOn ?? [])],
    });
  }
}
