import { EcrPullThroughCacheRule } from '@cdktf/provider-aws/lib/ecr-pull-through-cache-rule';
import type { Construct } from 'constructs';
import { AutoScalingGroup } from '@apigw-private/constructs/compute/auto-scaling-group';
import { FargateService } from '@apigw-private/constructs/compute/fargate-service';
import { containerImageEndpoints } from '@apigw-private/constructs/endpoints/ecr-endpoints';
import { sessionManagerEndpoints } from '@apigw-private/constructs/endpoints/session-manager-endpoints';
import { AccessLogsBucket } from '@apigw-private/constructs/load-balancing/access-logs-bucket';
import { InternalNlb } from '@apigw-private/constructs/load-balancing/internal-nlb';
import type { Network } from '@apigw-private/constructs/network/network';
import { EndpointService } from '@apigw-private/constructs/privatelink/endpoint-service';
import { ServiceEndpoint } from '@apigw-private/constructs/privatelink/service-endpoint';
import { restPrivateIntegration } from '@apigw-private/constructs/rest/private-integration';
import { RestVpcLink } from '@apigw-private/constructs/rest/vpc-link';
import { CrossAccountStack, CrossAccountStackProps, targetFor } from './common';
import { STACKS } from './config';

/** Port of the resource accounts' NLB listeners, and so of the PrivateLink endpoints. */
const SERVICE_PORT = 80;

/** The central NLB's listener per backend: its port and the path prefix of the API. */
const ROUTES = { ecs: 8080, asg: 8081 } as const;

/**
 * Variant 4: PrivateLink. The central account's private REST API reaches services in two
 * resource accounts with no routing between VPCs (their CIDRs may overlap): each resource account
 * puts its service behind an internal NLB and a VPC endpoint service that requires acceptance and
 * allows only the central account; the central account creates an interface endpoint to each
 * (accepted explicitly by the service owner), and its VPC link's NLB targets the endpoints'
 * addresses. Resource account A runs an ECS Fargate service, resource account B an EC2 Auto
 * Scaling group.
 */
export class PrivateLinkStack extends CrossAccountStack {
  constructor(scope: Construct, props: CrossAccountStackProps) {
    super(scope, STACKS.privateLink, 'central', props, 'cross-account-privatelink');
    const { config } = this;
    const central = targetFor(config, 'central').accountId;

    const services = { ecs: this.ecsService(central), asg: this.asgService(central) };

    // Central account: API, execute-api endpoint, one PrivateLink endpoint per service.
    const network = this.networkFor('central');
    const endpoint = this.executeApiEndpoint('central', network, [network.cidr]);
    const authorization = config.privateApi.centralAuthorization;
    const api = this.privateApi({ account: 'central', endpoints: [endpoint], authorization });

    const logs = new AccessLogsBucket(this, 'lb-logs', {
      expirationDays: config.loadBalancers.accessLogsExpirationDays,
    });
    const nlb = new InternalNlb(this, 'nlb', {
      name: `${this.stackId}-central`,
      network,
      accessLogs: logs,
      deletionProtection: config.loadBalancers.deletionProtection,
      // Behind a REST VPC link (PrivateLink): API Gateway's addresses cannot be named in a rule.
      privateLinkInboundRules: false,
    });
    nlb.connections.allowToCidrs(
      [network.cidr],
      SERVICE_PORT,
      'NLB to the PrivateLink endpoints of the resource accounts',
    );
    const link = new RestVpcLink(this, 'vpc-link', {
      name: `${this.stackId}-link`,
      targets: [nlb],
    });

    for (const [name, service] of Object.entries(services)) {
      const consumer = new ServiceEndpoint(this, `${name}-endpoint`, {
        network,
        service,
        port: SERVICE_PORT,
        clientCidrs: [network.cidr],
        name: `${this.stackId}-${name}`,
      });
      const targets = nlb.addTargetGroup(name, {
        targetType: 'ip',
        port: SERVICE_PORT,
        protocol: 'TCP',
      });
      // The endpoint addresses are inside the NLB's VPC: registered with their own AZ.
      targets.addIpTargets('endpoint', { addresses: consumer.addresses });
      const port = ROUTES[name as keyof typeof ROUTES];
      nlb.addListener(name, { port, protocol: 'TCP', targetGroup: targets });
      // A greedy {proxy+} needs at least one path segment and never matches its parent, so
      // `/ecs/` (the invoke URL below) needs a method of its own on /ecs
      // (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-set-up-simple-proxy.html).
      // The backend sees the integration URI's path: `/` for the parent, the greedy part for a
      // child (`/ecs/orders/1` arrives as `/orders/1`).
      const to = { vpcLink: link, loadBalancer: nlb, port };
      api.addMethod(`/${name}`, 'ANY', {
        authorization,
        integration: restPrivateIntegration(to, '/'),
      });
      api.addMethod(`/${name}/{proxy+}`, 'ANY', {
        authorization,
        requestParameters: { 'method.request.path.proxy': true },
        integration: restPrivateIntegration(to, '/{proxy}'),
      });
    }

    this.lambdaClient({
      network,
      api,
      endpoint,
      signRequests: authorization === 'AWS_IAM',
      usage: 'Invoke with {"path": "/ecs/"} or {"path": "/asg/"} (README.md)',
    });
    this.output(
      'invoke-url-ecs',
      `${api.privateDnsUrl}/ecs/`,
      'ECS service in resource account A, from the central VPC',
    );
    this.output(
      'invoke-url-asg',
      `${api.privateDnsUrl}/asg/`,
      'Auto Scaling group in resource account B, from the central VPC',
    );
  }

  /** The endpoint service in front of an NLB in a resource account, for the central account only. */
  private endpointService(
    scope: Construct,
    nlb: InternalNlb,
    central: string,
    name: string,
  ): EndpointService {
    return new EndpointService(scope, 'endpoint-service', {
      name: `${this.stackId}-${name}`,
      loadBalancers: [nlb],
      allowedAccounts: [central],
      acceptanceRequired: true,
    });
  }

  private serviceNlb(scope: Construct, network: Network, name: string): InternalNlb {
    const logs = new AccessLogsBucket(scope, 'lb-logs', {
      expirationDays: this.config.loadBalancers.accessLogsExpirationDays,
    });
    return new InternalNlb(scope, 'nlb', {
      name: `${this.stackId}-${name}`,
      network,
      accessLogs: logs,
      deletionProtection: this.config.loadBalancers.deletionProtection,
      // PrivateLink consumers arrive through the endpoint service, whose allowed principals and
      // acceptance decide who connects; their addresses cannot be named in a rule.
      privateLinkInboundRules: false,
    });
  }

  /** Resource account A: ECS Fargate behind an NLB; images through an ECR pull-through cache. */
  private ecsService(central: string): EndpointService {
    const { config } = this;
    const scope = this.scopeFor('serviceA');
    const target = targetFor(config, 'serviceA');
    const network = this.networkFor('serviceA');
    // No internet in the VPC: the tasks pull through ECR (interface endpoints, S3 for layers).
    const endpoints = containerImageEndpoints(scope, {
      network,
      clientCidrs: [network.cidr],
      pullThroughCache: true,
      s3EndpointName: `${this.stackId}-s3`,
    });
    const cache = config.privateLink.createPullThroughCacheRule
      ? [
          new EcrPullThroughCacheRule(scope, 'ecr-public-cache', {
            ecrRepositoryPrefix: 'ecr-public',
            upstreamRegistryUrl: 'public.ecr.aws',
          }),
        ]
      : [];
    const image = config.privateLink.ecsImage.startsWith('public.ecr.aws/')
      ? `${target.accountId}.dkr.ecr.${target.region}.amazonaws.com/ecr-public/${config.privateLink.ecsImage.slice('public.ecr.aws/'.length)}`
      : config.privateLink.ecsImage;

    const nlb = this.serviceNlb(scope, network, 'ecs');
    const targets = nlb.addTargetGroup('app', {
      targetType: 'ip',
      port: config.privateLink.ecsPort,
      protocol: 'TCP',
    });
    const listener = nlb.addListener('app', {
      port: SERVICE_PORT,
      protocol: 'TCP',
      targetGroup: targets,
    });
    const tasks = new FargateService(scope, 'app', {
      name: `${this.stackId}-ecs`,
      network,
      image,
      containerPort: config.privateLink.ecsPort,
      writablePaths: ['/var/cache/nginx', '/var/run', '/tmp'],
      logRetentionDays: config.logs.retentionDays,
      logsKey: this.logsKeyFor('serviceA'),
      imagePull: {
        repositoryArns: [
          `arn:aws:ecr:${target.region}:${target.accountId}:repository/ecr-public/*`,
        ],
        pullThroughCache: true,
      },
      loadBalancerTargets: { nlb: { targetGroup: targets, listener } },
      s3PrefixListId: endpoints.s3.prefixListId,
      dependsOn: [...endpoints.all, ...cache],
    });
    endpoints.allowLogGroup(tasks.logGroup.arn);
    return this.endpointService(scope, nlb, central, 'ecs');
  }

  /** Resource account B: an EC2 Auto Scaling group behind an NLB, operated through Session Manager. */
  private asgService(central: string): EndpointService {
    const { config } = this;
    const scope = this.scopeFor('serviceB');
    const network = this.networkFor('serviceB');
    const nlb = this.serviceNlb(scope, network, 'asg');
    const port = config.privateLink.asgPort;
    const targets = nlb.addTargetGroup('app', { targetType: 'instance', port, protocol: 'TCP' });
    nlb.addListener('app', { port: SERVICE_PORT, protocol: 'TCP', targetGroup: targets });
    nlb.connections.allowToCidrs([network.cidr], port, 'NLB to the Auto Scaling group instances');
    const asg = new AutoScalingGroup(scope, 'app', {
      network,
      name: `${this.stackId}-asg`,
      targetGroups: [targets],
      port,
      clientCidrs: [network.cidr],
      imageId: config.privateLink.asgImageId,
      instanceType: config.privateLink.asgInstanceType,
    });
    // No internet in the VPC: operators reach the instances with Session Manager through its
    // interface endpoints, which admit only the group's instances and role.
    sessionManagerEndpoints(scope, {
      network,
      clients: { asg: { securityGroup: asg.securityGroup, roleArn: asg.role.arn } },
    });
    return this.endpointService(scope, nlb, central, 'asg');
  }
}
