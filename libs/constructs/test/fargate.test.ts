import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Testing } from 'cdktf';
import { FargateService, FargateServiceProps } from '../src/compute/fargate-service';
import { CloudMapService, PrivateDnsNamespace } from '../src/discovery/cloud-map';
import { AccessLogsBucket } from '../src/load-balancing/access-logs-bucket';
import { InternalNlb } from '../src/load-balancing/internal-nlb';
import { synthObject, testNetwork, testStack, validationErrorOf } from './helpers';

type Statement = { sid: string; actions: string[]; resources: string[] };

function fixture(overrides: Partial<FargateServiceProps> = {}) {
  const stack = testStack();
  const network = testNetwork(stack);
  const logs = new AccessLogsBucket(stack, 'logs', { expirationDays: 30 });
  const nlb = new InternalNlb(stack, 'nlb', { name: 'orders', network, accessLogs: logs });
  const targetGroup = nlb.addTargetGroup('app', { targetType: 'ip', port: 80 });
  const listener = nlb.addListener('tcp', { port: 80, protocol: 'TCP', targetGroup });
  const service = new FargateService(stack, 'app', {
    name: 'orders',
    network,
    image: 'public.ecr.aws/nginx/nginx:stable',
    containerPort: 80,
    logRetentionDays: 30,
    writablePaths: ['/var/cache/nginx', '/var/run'],
    loadBalancerTargets: { nlb: { targetGroup, listener } },
    ...overrides,
  });
  return { stack, network, nlb, service };
}

function container(stack: ReturnType<typeof testStack>) {
  const task = Object.values(synthObject(stack).resource.aws_ecs_task_definition)[0];
  return JSON.parse(task.container_definitions as string)[0];
}

describe('FargateService', () => {
  test('a cluster with Container Insights and a Fargate service in private subnets without public IPs', () => {
    const { stack } = fixture();
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(EcsCluster, {
      setting: [{ name: 'containerInsights', value: 'enabled' }],
    });
    expect(synthesized).toHaveResourceWithProperties(EcsService, {
      launch_type: 'FARGATE',
      network_configuration: expect.objectContaining({ assign_public_ip: false }),
      load_balancer: [expect.objectContaining({ container_name: 'app', container_port: 80 })],
      deployment_circuit_breaker: { enable: true, rollback: true },
      enable_execute_command: false,
    });
  });

  test('the task: awsvpc, separate execution and task roles, read-only root, not privileged, awslogs', () => {
    const { stack } = fixture();
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(EcsTaskDefinition, {
      network_mode: 'awsvpc',
      requires_compatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      execution_role_arn: expect.stringContaining('aws_iam_role.app_execution-role'),
      task_role_arn: expect.stringContaining('aws_iam_role.app_task-role'),
    });
    const app = container(stack);
    expect(app).toEqual(
      expect.objectContaining({
        readonlyRootFilesystem: true,
        privileged: false,
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': '/ecs/orders',
            'awslogs-region': 'us-east-1',
            'awslogs-stream-prefix': 'orders',
          },
        },
      }),
    );
    expect(app.mountPoints.map((m: { containerPath: string }) => m.containerPath)).toEqual([
      '/var/cache/nginx',
      '/var/run',
    ]);
  });

  test('the execution role may only write its own log streams; the task role has no permissions', () => {
    const { stack } = fixture();
    const docs = synthObject(stack).data.aws_iam_policy_document;
    const exec = Object.entries(docs).find(([k]) =>
      k.startsWith('app_execution-role_permissions'),
    )![1] as { statement: Statement[] };
    expect(exec.statement).toEqual([
      expect.objectContaining({
        sid: 'WriteContainerLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      }),
    ]);
    expect(Object.keys(docs).some((k) => k.startsWith('app_task-role_permissions'))).toBe(false);
  });

  test('ECR pull permissions are scoped to the named repositories', () => {
    const { stack } = fixture({
      imagePull: {
        repositoryArns: ['arn:aws:ecr:us-east-1:111111111111:repository/ecr-public/*'],
        pullThroughCache: true,
      },
    });
    const docs = synthObject(stack).data.aws_iam_policy_document;
    const exec = Object.entries(docs).find(([k]) =>
      k.startsWith('app_execution-role_permissions'),
    )![1] as { statement: Statement[] };
    const pull = exec.statement.find((s) => s.sid === 'EcrPullThroughCache')!;
    expect(pull.resources).toEqual(['arn:aws:ecr:us-east-1:111111111111:repository/ecr-public/*']);
  });

  test('the tasks admit only the load balancer security group on the container port', () => {
    const { stack } = fixture();
    const rules = Object.values(
      synthObject(stack).resource.aws_vpc_security_group_ingress_rule,
    ).filter((r) => String(r.security_group_id).includes('aws_security_group.app_sg'));
    expect(rules).toEqual([
      expect.objectContaining({
        referenced_security_group_id: expect.stringContaining('aws_security_group.nlb_sg'),
        from_port: 80,
        to_port: 80,
      }),
    ]);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      security_group_id: expect.stringContaining('aws_security_group.app_sg'),
    });
  });

  test('registers SRV records in Cloud Map', () => {
    const stack = testStack();
    const network = testNetwork(stack);
    const namespace = new PrivateDnsNamespace(stack, 'ns', {
      name: 'orders.internal',
      vpcId: network.vpc.id,
    });
    const cloudMap = new CloudMapService(stack, 'svc', { namespace, name: 'api' });
    new FargateService(stack, 'app', {
      name: 'orders',
      network,
      image: 'nginx',
      containerPort: 80,
      logRetentionDays: 30,
      cloudMap,
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(EcsService, {
      service_registries: {
        registry_arn: expect.stringContaining('aws_service_discovery_service.svc_resource'),
        container_name: 'app',
        container_port: 80,
      },
    });
  });

  test('the Cloud Map service has no empty custom health check block, which plans a replacement after every apply', () => {
    const stack = testStack();
    const network = testNetwork(stack);
    const namespace = new PrivateDnsNamespace(stack, 'ns', {
      name: 'orders.internal',
      vpcId: network.vpc.id,
    });
    new CloudMapService(stack, 'svc', { namespace, name: 'api' });
    const services = JSON.parse(Testing.synth(stack)).resource.aws_service_discovery_service;
    expect(Object.values(services).map((s) => Object.keys(s as object))).toEqual([
      expect.not.arrayContaining(['health_check_custom_config']),
    ]);
  });

  test('fails when the Cloud Map service registers A records', () => {
    const error = validationErrorOf(() =>
      fixture({
        cloudMap: {
          arn: 'arn:aws:servicediscovery:us-east-1:111111111111:service/srv-1',
          dnsRecordType: 'A',
        },
      }),
    );
    expect(error.codes).toEqual(['CloudMapRequiresSrv']);
    expect(error.message).toMatch(/props\.cloudMap\.dnsRecordType must be SRV.*got "A"/);
  });

  test('fails when memory does not suit the CPU size', () => {
    const error = validationErrorOf(() => fixture({ cpu: 256, memory: 4096 }));
    expect(error.codes).toEqual(['InvalidMemory']);
    expect(error.message).toMatch(
      /props\.memory must be a memory size Fargate offers with 256 CPU units, got 4096/,
    );
  });

  test('ECS may assume the task and execution roles for this account only (aws:SourceAccount)', () => {
    const { stack } = fixture();
    const trusts = Object.entries(
      synthObject(stack).data.aws_iam_policy_document as Record<
        string,
        { statement: { condition?: { test: string; variable: string; values: string[] }[] }[] }
      >,
    ).filter(([id]) => id.endsWith('trust') || /_trust_/.test(id));
    expect(trusts).toHaveLength(2);
    for (const [, trust] of trusts) {
      expect(trust.statement[0].condition).toEqual([
        { test: 'StringEquals', variable: 'aws:SourceAccount', values: ['111111111111'] },
      ]);
    }
  });
});
