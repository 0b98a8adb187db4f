import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client';
import type { Construct } from 'constructs';
import { TransitGateway } from '@apigw-private/constructs/connectivity/transit-gateway';
import { VpcPeering } from '@apigw-private/constructs/connectivity/vpc-peering';
import { HttpApi } from '@apigw-private/constructs/http/http-api';
import { IntegrationTarget } from '@apigw-private/constructs/http/private-integration';
import { VpcLinkV2 } from '@apigw-private/constructs/http/vpc-link';
import { AccessLogsBucket } from '@apigw-private/constructs/load-balancing/access-logs-bucket';
import { InternalNlb, NlbListener } from '@apigw-private/constructs/load-balancing/internal-nlb';
import type { Network } from '@apigw-private/constructs/network/network';
import { EndpointAddresses } from '@apigw-private/constructs/privatelink/endpoint-addresses';
import {
  CognitoAuthorizer,
  IRestAuthorizer,
  LambdaAuthorizer,
} from '@apigw-private/constructs/rest/lambda-authorizer';
import type { PrivateRestApi } from '@apigw-private/constructs/rest/private-rest-api';
import { RegionalRestApi } from '@apigw-private/constructs/rest/regional-rest-api';
import type { StageOptions } from '@apigw-private/constructs/rest/stage-options';
import { RestVpcLink } from '@apigw-private/constructs/rest/vpc-link';
import { stageFor } from '@apigw-private/constructs/spine/private-api-spine';
import type { StackId } from './config';
import { CrossAccountStack, CrossAccountStackProps, targetFor } from './common';

export type Connectivity = 'transit-gateway' | 'vpc-peering';

export interface FrontDoorStackProps extends CrossAccountStackProps {
  /** How account A's VPC reaches account B's. */
  readonly connectivity: Connectivity;
  /** REST API with a Lambda or Cognito authorizer (1a) or HTTP API with a JWT authorizer (1b). */
  readonly frontDoor: 'rest' | 'http';
}

/** What the front door needs to reach the private API: the NLB listener and the API. */
interface Backend {
  readonly nlb: InternalNlb;
  readonly listener: NlbListener;
  readonly api: PrivateRestApi;
  /** `<api-id>.execute-api.<region>.amazonaws.com`: TLS server name and URI host. */
  readonly invokeDomain: string;
}

/**
 * Variants 1 and 2: a public front door in account A reaches a private REST API in account B.
 * B holds the private API, its execute-api endpoint (443 from A's VPC only) and a resource
 * policy allowing only that endpoint. A holds the front door with a mandatory authorizer, a VPC
 * link to an internal NLB whose IP targets are the endpoint's addresses in B (registered with
 * availability zone "all", as they are outside the NLB's VPC), and an integration that names the
 * private API in `x-apigw-api-id` and uses its invoke domain as TLS server name. The two VPCs
 * are joined by a Transit Gateway shared through RAM or by VPC peering.
 */
export class FrontDoorStack extends CrossAccountStack {
  constructor(scope: Construct, id: StackId, props: FrontDoorStackProps) {
    super(scope, id, 'a', props, 'cross-account-front-door');
    const { config } = this;
    const networkA = this.networkFor('a');
    const networkB = this.networkFor('b');
    this.connect(props.connectivity, networkA, networkB);

    // Account B: endpoint open to account A's network only, API allowing only that endpoint.
    const endpoint = this.executeApiEndpoint('b', networkB, [networkA.cidr]);
    // The front door forwards requests it has authorized; the endpoint, its security group and
    // the resource policy keep every other caller out of the private API.
    const api = this.privateApi({ account: 'b', endpoints: [endpoint], authorization: 'NONE' });
    const addresses = new EndpointAddresses(this.scopeFor('b'), 'endpoint-addresses', {
      endpoint: endpoint.endpoint.resource,
      count: networkB.subnetIds.length,
    }).addresses;

    // Account A: internal NLB whose targets are the endpoint addresses in account B.
    const logs = new AccessLogsBucket(this, 'lb-logs', {
      expirationDays: config.loadBalancers.accessLogsExpirationDays,
    });
    const nlb = new InternalNlb(this, 'nlb', {
      name: `${id}-nlb`.slice(0, 32),
      network: networkA,
      accessLogs: logs,
      deletionProtection: config.loadBalancers.deletionProtection,
      // A REST VPC link is PrivateLink, whose callers cannot be named in a security group rule;
      // only API Gateway can use the link's endpoint service. A VPC link v2 has its own group.
      privateLinkInboundRules: props.frontDoor === 'http',
    });
    const targets = nlb.addTargetGroup('private-api', {
      targetType: 'ip',
      port: 443,
      protocol: 'TCP',
    });
    targets.addIpTargets('vpce', { addresses, port: 443, outsideVpc: true });
    nlb.connections.allowToCidrs(
      [networkB.cidr],
      443,
      'NLB to the execute-api endpoint in account B',
    );
    // TCP pass-through: TLS runs end to end to the endpoint, which presents the execute-api certificate.
    const listener = nlb.addListener('https', { port: 443, protocol: 'TCP', targetGroup: targets });
    const region = targetFor(config, 'b').region;
    const backend: Backend = {
      nlb,
      listener,
      api,
      invokeDomain: `${api.id}.execute-api.${region}.amazonaws.com`,
    };

    const url =
      props.frontDoor === 'rest'
        ? this.restFrontDoor(backend)
        : this.httpFrontDoor(backend, networkA);
    this.output(
      'front-door-url',
      `${url}/hello`,
      'Call with the headers in README.md (Authorization); the private API answers',
    );
    this.output('private-api-id', api.id, 'Sent as x-apigw-api-id by the front door');
    this.output(
      'execute-api-endpoint-id',
      endpoint.endpointId,
      'The only source the private API resource policy allows',
    );
  }

  private connect(connectivity: Connectivity, networkA: Network, networkB: Network): void {
    const { config } = this;
    if (connectivity === 'vpc-peering') {
      new VpcPeering(this, 'peering', { requester: networkA, accepter: networkB });
      return;
    }
    const tgw = new TransitGateway(this.scopeFor(config.transitGateway.owner), 'tgw', {
      name: this.stackId,
      description: `Transit Gateway of ${this.stackId}, shared with the other account through RAM`,
      amazonSideAsn: config.transitGateway.amazonSideAsn,
      routing: config.transitGateway.routing,
      allowExternalPrincipals: config.transitGateway.allowExternalPrincipals,
    });
    tgw.attach('a', networkA, { routesTo: [networkB.cidr] });
    tgw.attach('b', networkB, { routesTo: [networkA.cidr] });
  }

  /** Variant 1a: Regional REST API, Lambda (or Cognito) authorizer, VPC link v1, ANY /{proxy+}. */
  private restFrontDoor(backend: Backend): string {
    const { config } = this;
    const auth = config.frontDoor.authorizer;
    const api = new RegionalRestApi(this, 'front-door', {
      name: `${config.privateApi.name}-${this.stackId}-public`,
      description: `Public front door of ${this.stackId}: authorizes callers, forwards to the private API in account B`,
      stage: this.frontDoorStage(),
    });
    const authorizer: IRestAuthorizer =
      auth.type === 'cognito'
        ? new CognitoAuthorizer(this, 'authorizer', {
            api,
            name: 'cognito',
            userPoolArns: auth.cognitoUserPoolArns,
          })
        : new LambdaAuthorizer(this, 'authorizer', {
            api,
            name: `${this.stackId}-authorizer`,
            type: auth.type === 'lambda-token' ? 'TOKEN' : 'REQUEST',
            tokenSha256: auth.tokenSha256,
            resultTtlSeconds: auth.resultTtlSeconds,
            logRetentionDays: config.logs.retentionDays,
            logsKey: this.logsKeyFor('a'),
          });
    const link = new RestVpcLink(this, 'vpc-link', {
      name: `${this.stackId}-link`,
      targets: [backend.nlb],
    });
    api.addMethod('/{proxy+}', 'ANY', {
      authorizer,
      requestParameters: { 'method.request.path.proxy': true },
      integration: {
        type: 'HTTP_PROXY',
        integrationHttpMethod: 'ANY',
        connectionType: 'VPC_LINK',
        connectionId: link.id,
        // The URI host is the private API's invoke domain: API Gateway sends it as TLS server
        // name (SNI) and checks the endpoint's certificate against it.
        uri: `https://${backend.invokeDomain}/${config.privateApi.stageName}/{proxy}`,
        requestParameters: {
          'integration.request.path.proxy': 'method.request.path.proxy',
          // The execute-api endpoint serves many private APIs: this header names ours.
          'integration.request.header.x-apigw-api-id': `'${backend.api.id}'`,
        },
        tlsConfig: { insecureSkipVerification: false },
        timeoutMilliseconds: 29000,
      },
    });
    return api.url;
  }

  /** Variant 1b: HTTP API, JWT authorizer, VPC link v2, tlsConfig.serverNameToVerify. */
  private httpFrontDoor(backend: Backend, networkA: Network): string {
    const { config } = this;
    const api = new HttpApi(this, 'front-door', {
      name: `${config.privateApi.name}-${this.stackId}-public`,
      description: `Public HTTP API front door of ${this.stackId}`,
      // Same stage name as the private API: a private integration sends the stage as the first
      // path segment, which is exactly the private API's stage path.
      stage: this.frontDoorStage(),
    });
    const jwt = config.frontDoor.jwt ?? this.userPool();
    const authorizer = api.addJwtAuthorizer('jwt', { issuer: jwt.issuer, audience: jwt.audience });
    const link = new VpcLinkV2(this, 'vpc-link', {
      name: `${this.stackId}-link`,
      network: networkA,
    });
    const integration = api.addPrivateIntegration('private-api', {
      vpcLink: link,
      target: IntegrationTarget.nlbListener(backend.nlb, backend.listener),
      requestParameters: { 'overwrite:header.x-apigw-api-id': backend.api.id },
      // HTTPS to the endpoint, verified against the private API's invoke domain (also the SNI).
      tlsServerName: backend.invokeDomain,
    });
    api.addRoute('ANY /{proxy+}', { integration, authorization: { type: 'JWT', authorizer } });
    return api.url;
  }

  /**
   * Stage of either front door: the private API's stage name, the front door's own throttling,
   * execution logging at the stage default.
   */
  private frontDoorStage(): StageOptions {
    const { config } = this;
    return stageFor(
      {
        stageName: config.privateApi.stageName,
        throttleRateLimit: config.frontDoor.throttleRateLimit,
        throttleBurstLimit: config.frontDoor.throttleBurstLimit,
      },
      config.logs,
      this.logsKeyFor('a'),
    );
  }

  /** A Cognito user pool and app client in account A whose ID tokens the JWT authorizer accepts. */
  private userPool(): { issuer: string; audience: string[] } {
    const pool = new CognitoUserPool(this, 'users', {
      name: `${this.stackId}-users`,
      adminCreateUserConfig: { allowAdminCreateUserOnly: true },
      passwordPolicy: {
        minimumLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireNumbers: true,
        requireSymbols: true,
      },
      mfaConfiguration: 'OPTIONAL',
      softwareTokenMfaConfiguration: { enabled: true },
      // Follows the load balancers' switch: turn both off before `terraform destroy`.
      deletionProtection: this.config.loadBalancers.deletionProtection ? 'ACTIVE' : 'INACTIVE',
    });
    const client = new CognitoUserPoolClient(this, 'users-client', {
      name: `${this.stackId}-client`,
      userPoolId: pool.id,
      generateSecret: false,
      explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      preventUserExistenceErrors: 'ENABLED',
      idTokenValidity: 60,
      accessTokenValidity: 60,
      tokenValidityUnits: [{ idToken: 'minutes', accessToken: 'minutes' }],
    });
    this.output('user-pool-id', pool.id, 'Create a test user here (README.md)');
    this.output('user-pool-client-id', client.id, 'App client for USER_PASSWORD_AUTH');
    return {
      issuer: `https://cognito-idp.${targetFor(this.config, 'a').region}.amazonaws.com/${pool.id}`,
      audience: [client.id],
    };
  }
}
