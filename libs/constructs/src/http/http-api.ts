/**
 * An HTTP API whose every route requires IAM or JWT authorization, with a stage that writes
 * access logs and throttles.
 *
 * ```ts
 * const api = new HttpApi(this, 'api', {
 *   name: 'orders',
 *   stage: { name: 'v1', accessLogRetentionDays: 90, throttleRateLimit: 100, throttleBurstLimit: 50 },
 * });
 * const jwt = api.addJwtAuthorizer('jwt', { issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc', audience: ['client-id'] });
 * const integration = api.addPrivateIntegration('alb', { vpcLink, target: IntegrationTarget.albListener(alb, listener), stripStagePath: true });
 * api.addRoute('ANY /{proxy+}', { integration, authorization: { type: 'JWT', authorizer: jwt } });
 * ```
 */
import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Authorizer } from '@cdktf/provider-aws/lib/apigatewayv2-authorizer';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { Construct } from 'constructs';
import { targetOf } from '../app/account-scope';
import { Problems } from '../errors';
import { LogGroup, LogsKey } from '../logging/log-group';
import { HttpIntegration, HttpIntegrationProps } from './integration';
import { PrivateIntegration, PrivateIntegrationProps } from './private-integration';

export interface HttpStageOptions {
  /**
   * Stage name. A named stage adds its name as the first path segment of every request sent to
   * a private integration (strip it with the integration's `stripStagePath`); `$default` adds
   * none and serves the API at the root of its URL.
   * @default '$default'
   */
  readonly name?: string;
  /** Days to keep access logs. */
  readonly accessLogRetentionDays: number;
  /**
   * Key that encrypts the access log group.
   * @default - service-managed encryption
   */
  readonly logsKey?: LogsKey;
  /** Steady-state requests per second for every route. */
  readonly throttleRateLimit: number;
  /** Burst of requests above the rate. */
  readonly throttleBurstLimit: number;
  /**
   * Per-route CloudWatch metrics.
   * @default true
   */
  readonly detailedMetrics?: boolean;
}

export interface HttpApiProps {
  readonly name: string;
  /**
   * @default - a description naming the construct path
   */
  readonly description?: string;
  readonly stage: HttpStageOptions;
}

export interface JwtAuthorizerOptions {
  /** Token issuer URL (https), e.g. a Cognito user pool's `https://cognito-idp.<region>.amazonaws.com/<pool-id>`. */
  readonly issuer: string;
  /** Accepted `aud` (or Cognito `client_id`) values; at least one. */
  readonly audience: readonly string[];
  /**
   * Where the token is read from.
   * @default '$request.header.Authorization'
   */
  readonly identitySource?: string;
}

/** How a route authorizes callers; routes without authorization are refused. */
export type RouteAuthorization =
  | { readonly type: 'AWS_IAM' }
  | {
      readonly type: 'JWT';
      readonly authorizer: Apigatewayv2Authorizer;
      readonly scopes?: readonly string[];
    };

export interface RouteOptions {
  readonly integration: HttpIntegration;
  readonly authorization: RouteAuthorization;
}

/** JSON access log line for HTTP APIs, with the integration's own status and error. */
export const HTTP_ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  responseLatency: '$context.responseLatency',
  sourceIp: '$context.identity.sourceIp',
  principal: '$context.authorizer.principalId',
  iamUser: '$context.identity.userArn',
  integrationStatus: '$context.integration.status',
  integrationLatency: '$context.integration.latency',
  integrationError: '$context.integration.error',
  errorMessage: '$context.error.message',
});

const SEGMENT = '([A-Za-z0-9._~-]+|\\{[A-Za-z0-9_]+\\})';
const ROUTE_KEY = new RegExp(
  `^(\\$default|(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \\/((${SEGMENT}\\/)*(${SEGMENT}|\\{[A-Za-z0-9_]+\\+\\}))?)$`,
);

function routeId(routeKey: string): string {
  if (routeKey === '$default') return 'default';
  return routeKey
    .replace(/[{}]/g, '')
    .replace(/\+/g, '-greedy')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/-+$/, '');
}

/**
 * An HTTP API (protocol HTTP). HTTP APIs have no private endpoint type: their execute-api
 * endpoint is public, and turning it off leaves only custom domains, which are public too. So
 * this construct makes every route authorize its callers (IAM or JWT; NONE is refused) and
 * throttles the stage; the backend stays private behind the VPC link.
 */
export class HttpApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly stage: Apigatewayv2Stage;
  readonly accessLogs: LogGroup;
  private routes = 0;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const stage = props.stage;
    const stageName = stage.name ?? '$default';
    new Problems(`HttpApi ${this.node.path}`)
      .check(
        /^[A-Za-z0-9_ -]{1,128}$/.test(props.name),
        'InvalidName',
        'props.name',
        props.name,
        'must be 1-128 characters of letters, digits, spaces, _ -',
      )
      .check(
        stageName === '$default' || /^[A-Za-z0-9_-]{1,128}$/.test(stageName),
        'InvalidStageName',
        'props.stage.name',
        stageName,
        'must be $default or 1-128 characters of [A-Za-z0-9_-]',
      )
      .check(
        stage.throttleRateLimit > 0,
        'InvalidThrottle',
        'props.stage.throttleRateLimit',
        stage.throttleRateLimit,
        'must be greater than 0',
      )
      .check(
        Number.isInteger(stage.throttleBurstLimit) && stage.throttleBurstLimit > 0,
        'InvalidThrottle',
        'props.stage.throttleBurstLimit',
        stage.throttleBurstLimit,
        'must be a whole number greater than 0',
      )
      .throwIfAny();

    this.api = new Apigatewayv2Api(this, 'resource', {
      name: props.name,
      description: props.description ?? `HTTP API (${this.node.path})`,
      protocolType: 'HTTP',
      // Turning the default endpoint off would leave only custom domain names, which are public
      // as well; it would not make the API private. Authorization on every route does the work.
      disableExecuteApiEndpoint: false,
    });
    this.accessLogs = new LogGroup(this, 'access-logs', {
      name: `/aws/apigateway/${props.name}/access`,
      retentionDays: stage.accessLogRetentionDays,
      kmsKey: stage.logsKey,
    });
    this.stage = new Apigatewayv2Stage(this, 'stage', {
      apiId: this.api.id,
      name: stageName,
      autoDeploy: true,
      accessLogSettings: { destinationArn: this.accessLogs.arn, format: HTTP_ACCESS_LOG_FORMAT },
      defaultRouteSettings: {
        throttlingRateLimit: stage.throttleRateLimit,
        throttlingBurstLimit: stage.throttleBurstLimit,
        detailedMetricsEnabled: stage.detailedMetrics ?? true,
      },
    });
    this.node.addValidation({
      validate: () =>
        this.routes === 0 ? [`NoRoutes: HttpApi ${this.node.path} has no routes`] : [],
    });
  }

  get id(): string {
    return this.api.id;
  }

  get stageName(): string {
    return this.stage.name;
  }

  /** `https://<api-id>.execute-api.<region>.amazonaws.com[/<stage>]`. */
  get url(): string {
    const base = `https://${this.api.id}.execute-api.${targetOf(this).region}.amazonaws.com`;
    return this.stage.name === '$default' ? base : `${base}/${this.stage.name}`;
  }

  /** ARN prefix for IAM policies that allow calling this API. */
  get executionArn(): string {
    return this.api.executionArn;
  }

  /** A JWT authorizer (issuer and audience checked by API Gateway before any route runs). */
  addJwtAuthorizer(id: string, options: JwtAuthorizerOptions): Apigatewayv2Authorizer {
    const source = options.identitySource ?? '$request.header.Authorization';
    new Problems(`HttpApi ${this.node.path}`)
      .check(
        /^https:\/\/[^\s/$.?#][^\s]*$/.test(options.issuer),
        'InvalidIssuer',
        `authorizers.${id}.issuer`,
        options.issuer,
        'must be an https:// issuer URL',
      )
      .check(
        options.audience.length > 0 && options.audience.every((a) => a.length > 0),
        'InvalidAudience',
        `authorizers.${id}.audience`,
        options.audience,
        'must list at least one non-empty audience',
      )
      .check(
        /^\$(request\.(header|querystring)\.[A-Za-z0-9_-]+|context\.[A-Za-z0-9.]+)$/.test(source),
        'InvalidIdentitySource',
        `authorizers.${id}.identitySource`,
        source,
        'must be $request.header.<name>, $request.querystring.<name> or $context.<variable>',
      )
      .throwIfAny();
    return new Apigatewayv2Authorizer(this, `authorizer-${id}`, {
      apiId: this.api.id,
      name: id,
      authorizerType: 'JWT',
      identitySources: [source],
      jwtConfiguration: { issuer: options.issuer, audience: [...options.audience] },
    });
  }

  /** An integration of any kind, checked. */
  addIntegration(id: string, props: Omit<HttpIntegrationProps, 'api'>): HttpIntegration {
    return new HttpIntegration(this, `integration-${id}`, { ...props, api: this.api });
  }

  /** A private integration over a VPC link (v2). */
  addPrivateIntegration(
    id: string,
    props: Omit<PrivateIntegrationProps, 'api'>,
  ): PrivateIntegration {
    return new PrivateIntegration(this, `integration-${id}`, { ...props, api: this.api });
  }

  /** A route such as `ANY /{proxy+}`, `GET /orders/{id}` or `$default`, with its authorization. */
  addRoute(routeKey: string, options: RouteOptions): Apigatewayv2Route {
    const auth = options.authorization as RouteAuthorization | { type: string } | undefined;
    new Problems(`HttpApi ${this.node.path}`)
      .check(
        ROUTE_KEY.test(routeKey),
        'InvalidRouteKey',
        `routes["${routeKey}"]`,
        routeKey,
        'must be $default or "<METHOD> /path" with {param} parts and an optional final {param+}',
      )
      .check(
        auth !== undefined && (auth.type === 'AWS_IAM' || auth.type === 'JWT'),
        'RouteWithoutAuthorization',
        `routes["${routeKey}"].authorization`,
        auth?.type,
        'must be AWS_IAM or JWT: an HTTP API endpoint is public, so every route authorizes its callers',
      )
      .throwIfAny();
    this.routes++;
    const jwt = options.authorization.type === 'JWT' ? options.authorization : undefined;
    return new Apigatewayv2Route(this, `route-${routeId(routeKey)}`, {
      apiId: this.api.id,
      routeKey,
      target: `integrations/${options.integration.id}`,
      authorizationType: options.authorization.type,
      authorizerId: jwt?.authorizer.id,
      authorizationScopes: jwt?.scopes ? [...jwt.scopes] : undefined,
    });
  }
}
