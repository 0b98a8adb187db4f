import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import {
  CloudMapService,
  PrivateDnsNamespace,
} from '@apigw-private/constructs/discovery/cloud-map';
import { HttpApi, RouteAuthorization } from '@apigw-private/constructs/http/http-api';
import { IntegrationTarget } from '@apigw-private/constructs/http/private-integration';
import { VpcLinkV2 } from '@apigw-private/constructs/http/vpc-link';
import { stageFor } from '@apigw-private/constructs/spine/private-api-spine';
import { ARCHITECTURE, EcsPrivateStack, EcsPrivateStackProps } from './ecs-stack';

/**
 * An HTTP API in front of the variant's target through a VPC link v2: JWT (or IAM) on every
 * route, `ANY /` and `ANY /{proxy+}`, request and response parameter mappings.
 */
abstract class HttpVariantStack extends EcsPrivateStack {
  /** `tls`: verify the listener's certificate (Cloud Map targets are tasks serving plain HTTP). */
  protected httpApi(target: IntegrationTarget, tls: boolean): void {
    const { config } = this;
    const id = this.node.id;
    const link = new VpcLinkV2(this, 'vpc-link', { name: id, network: this.network });
    const api = new HttpApi(this, 'api', {
      name: id,
      description: ARCHITECTURE[this.variant],
      stage: stageFor(config.http, config.logs, this.logsKey),
    });
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
      tlsServerName: tls && this.tls ? this.tls.hostname : undefined,
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
}

/** http-alb: HTTP API -> VPC link v2 -> internal ALB listener -> ECS Fargate. */
export class HttpAlbStack extends HttpVariantStack {
  constructor(scope: Construct, props: EcsPrivateStackProps) {
    super(scope, 'httpAlb', props);
    const back = this.alb();
    this.service({ loadBalancerTargets: { alb: back } });
    this.httpApi(IntegrationTarget.albListener(back.alb, back.listener), true);
  }
}

/** http-nlb: HTTP API -> VPC link v2 -> internal NLB listener -> ECS Fargate. */
export class HttpNlbStack extends HttpVariantStack {
  constructor(scope: Construct, props: EcsPrivateStackProps) {
    super(scope, 'httpNlb', props);
    const front = this.nlb({ privateLink: false });
    this.service({ loadBalancerTargets: { nlb: front } });
    this.httpApi(IntegrationTarget.nlbListener(front.nlb, front.listener), true);
  }
}

/** http-cloudmap: HTTP API -> VPC link v2 -> Cloud Map service (SRV records) -> ECS Fargate. */
export class HttpCloudMapStack extends HttpVariantStack {
  constructor(scope: Construct, props: EcsPrivateStackProps) {
    super(scope, 'httpCloudMap', props);
    const namespace = new PrivateDnsNamespace(this, 'namespace', {
      name: `${this.node.id}.internal`,
      vpcId: this.network.vpc.id,
    });
    const discovery = new CloudMapService(this, 'discovery', { namespace, name: 'app' });
    const tasks = this.service({ cloudMap: discovery });
    const target = IntegrationTarget.cloudMap(discovery, {
      filters: this.config.http.cloudMapFilters,
      reach: { connections: tasks.connections, port: this.config.container.port },
    });
    this.httpApi(target, false);
  }
}
