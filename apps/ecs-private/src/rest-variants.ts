import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type {
  InternalNlb,
  NlbListener,
} from '@apigw-private/constructs/load-balancing/internal-nlb';
import { addPrivateProxy } from '@apigw-private/constructs/rest/private-integration';
import { RestVpcLink } from '@apigw-private/constructs/rest/vpc-link';
import { PrivateApiSpine } from '@apigw-private/constructs/spine/private-api-spine';
import { ARCHITECTURE, EcsPrivateStack, EcsPrivateStackProps } from './ecs-stack';

/**
 * A private REST API in front of the variant's NLB: the execute-api endpoint and the API from
 * the spine (in the variant's VPC), a VPC link to the NLB, and `ANY /` and `ANY /{proxy+}`
 * proxied to the listener.
 */
abstract class RestVariantStack extends EcsPrivateStack {
  protected privateApi(nlb: InternalNlb, listener: NlbListener): void {
    const { config } = this;
    const id = this.node.id;
    const link = new RestVpcLink(this, 'vpc-link', { name: id, targets: [nlb] });
    const spine = new PrivateApiSpine(this, {
      network: this.network,
      logsKey: this.logsKey,
      logs: config.logs,
      api: config.rest,
      apiName: id,
      description: ARCHITECTURE[this.variant],
      clientCidrs: config.clientCidrs,
    });
    addPrivateProxy(spine.api, {
      vpcLink: link,
      loadBalancer: nlb,
      port: listener.port,
      tls: this.tls ? { hostname: this.tls.hostname } : undefined,
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
      value: `${spine.api.privateDnsUrl}/`,
    });
    new TerraformOutput(this, 'invoke-url-route53-alias', {
      description: 'Route 53 alias (endpoint-specific) invoke URL',
      value: `${spine.api.aliasUrl(spine.endpoint)}/`,
    });
    new TerraformOutput(this, 'api-id', { value: spine.api.id });
  }
}

/** rest-nlb: private REST API -> VPC link -> internal NLB -> ECS Fargate tasks. */
export class RestNlbStack extends RestVariantStack {
  constructor(scope: Construct, props: EcsPrivateStackProps) {
    super(scope, 'restNlb', props);
    const front = this.nlb({ privateLink: true });
    this.service({ loadBalancerTargets: { nlb: front } });
    this.privateApi(front.nlb, front.listener);
  }
}

/** rest-nlb-alb: private REST API -> VPC link -> internal NLB -> internal ALB -> ECS Fargate. */
export class RestNlbAlbStack extends RestVariantStack {
  constructor(scope: Construct, props: EcsPrivateStackProps) {
    super(scope, 'restNlbAlb', props);
    const back = this.alb();
    const front = this.nlb({ privateLink: true, alb: back });
    this.service({ loadBalancerTargets: { alb: back } });
    this.privateApi(front.nlb, front.listener);
  }
}
