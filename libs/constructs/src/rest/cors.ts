import { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayIntegrationResponse } from '@cdktf/provider-aws/lib/api-gateway-integration-response';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayMethodResponse } from '@cdktf/provider-aws/lib/api-gateway-method-response';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { Construct } from 'constructs';
import { Problems } from '../errors';
import type { PrivateRestApi } from './private-rest-api';

export interface CorsProps {
  readonly api: PrivateRestApi;
  /**
   * The one origin allowed to call the API from a browser: scheme, host and optional port, e.g.
   * `https://portal.corp.example` or `https://10.20.0.15:8443`. No path, no trailing slash.
   */
  readonly allowOrigin: string;
  /**
   * Answer `Access-Control-Allow-Origin: *`. Only for APIs meant for any web page (never with
   * credentials); `allowOrigin` must then be `*`.
   * @default false
   */
  readonly allowAnyOrigin?: boolean;
  /**
   * Methods the browser may use.
   * @default ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']
   */
  readonly allowMethods?: readonly string[];
  /**
   * Request headers the browser may send.
   * @default - Content-Type, Authorization and the SigV4 headers (X-Amz-Date, X-Amz-Security-Token, X-Amz-Content-Sha256)
   */
  readonly allowHeaders?: readonly string[];
  /**
   * Seconds the browser may cache a preflight answer (browsers cap it: Chromium at 7200).
   * @default 600
   */
  readonly maxAgeSeconds?: number;
  /**
   * Send `Access-Control-Allow-Credentials: true`, so the browser may send cookies or client
   * certificates. Refused together with `allowAnyOrigin`.
   * @default false
   */
  readonly allowCredentials?: boolean;
  /**
   * Answer preflight on the API root `/` too.
   * @default false
   */
  readonly includeRoot?: boolean;
}

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const DEFAULT_HEADERS = [
  'Content-Type',
  'Authorization',
  'X-Amz-Date',
  'X-Amz-Security-Token',
  'X-Amz-Content-Sha256',
];
// scheme://host[:port] with nothing after it; host is a DNS name or an IPv4 address.
const ORIGIN =
  /^(https?):\/\/((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?))*)(?::(\d{1,5}))?$/;

/** Why `origin` is not a browser origin, or undefined when it is one. */
export function originProblem(origin: string): string | undefined {
  const match = ORIGIN.exec(origin);
  if (!match) {
    return 'must be an origin: http or https, a host and an optional port, with no path, query, trailing slash or wildcard (e.g. https://portal.corp.example:8443)';
  }
  const port = match[3];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
    return 'must have a port of 1-65535';
  return undefined;
}

/** API Gateway static values are single-quoted: `'value'`. */
function quoted(value: string): string {
  return `'${value}'`;
}

/**
 * CORS for a private REST API called from a browser app: an OPTIONS preflight (MOCK integration,
 * no authorization, as browsers never sign preflights) on every resource of the API, answering
 * the configured origin, methods, headers and max age; and the same origin on the DEFAULT_4XX and
 * DEFAULT_5XX gateway responses, so that the browser lets the app read API Gateway's own errors.
 * Every piece is registered with the API's deployment, so a change redeploys the stage.
 *
 * Build it after the API's methods: a validation fails the synth if a resource added later has
 * no preflight.
 */
export class Cors extends Construct {
  readonly allowOrigin: string;
  private readonly headers: Record<string, string>;
  private readonly covered = new Set<string>();

  constructor(scope: Construct, id: string, props: CorsProps) {
    super(scope, id);
    const methods = [
      ...(props.allowMethods ?? ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']),
    ];
    const allowHeaders = [...(props.allowHeaders ?? DEFAULT_HEADERS)];
    const maxAge = props.maxAgeSeconds ?? 600;
    const problems = new Problems(`Cors ${this.node.path}`);
    if (props.allowAnyOrigin) {
      problems.check(
        props.allowOrigin === '*',
        'InvalidOrigin',
        'props.allowOrigin',
        props.allowOrigin,
        'must be "*" when allowAnyOrigin is true',
      );
      problems.check(
        !props.allowCredentials,
        'CredentialsWithAnyOrigin',
        'props.allowCredentials',
        props.allowCredentials,
        'must be false with allowAnyOrigin: browsers refuse credentials for the origin *',
      );
    } else {
      const problem = originProblem(props.allowOrigin);
      if (problem) problems.add('InvalidOrigin', 'props.allowOrigin', props.allowOrigin, problem);
    }
    methods.forEach((m, i) =>
      problems.check(
        HTTP_METHODS.includes(m),
        'InvalidHttpMethod',
        `props.allowMethods[${i}]`,
        m,
        `must be one of ${HTTP_METHODS.join(', ')}`,
      ),
    );
    allowHeaders.forEach((h, i) =>
      problems.check(
        HEADER_NAME.test(h),
        'InvalidHeaderName',
        `props.allowHeaders[${i}]`,
        h,
        "must be an HTTP header name (letters, digits and !#$%&'*+.^_`|~-)",
      ),
    );
    problems.check(
      Number.isInteger(maxAge) && maxAge >= 0 && maxAge <= 86400,
      'InvalidMaxAge',
      'props.maxAgeSeconds',
      props.maxAgeSeconds,
      'must be a whole number of seconds, 0-86400',
    );
    problems.throwIfAny();

    this.allowOrigin = props.allowOrigin;
    this.headers = {
      'Access-Control-Allow-Origin': props.allowOrigin,
      'Access-Control-Allow-Methods': methods.join(','),
      'Access-Control-Allow-Headers': allowHeaders.join(','),
      // The answer depends on the request's Origin: caches must keep them apart.
      Vary: 'Origin',
      ...(props.allowCredentials ? { 'Access-Control-Allow-Credentials': 'true' } : {}),
    };

    const { api } = props;
    if (props.includeRoot) this.addPreflight(api, 'root', api.api.rootResourceId, maxAge);
    for (const resource of api.node.children.filter(
      (c): c is ApiGatewayResource => c instanceof ApiGatewayResource,
    )) {
      // A resource whose OPTIONS method the app defined itself keeps it.
      const slug = resource.node.id.replace(/^res-/, '');
      if (api.node.tryFindChild(`method-${slug}-OPTIONS`)) {
        this.covered.add(resource.node.id);
        continue;
      }
      this.addPreflight(api, slug, resource.id, maxAge);
      this.covered.add(resource.node.id);
    }

    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      const response = new ApiGatewayGatewayResponse(this, `gateway-${type}`, {
        restApiId: api.id,
        responseType: type,
        responseParameters: Object.fromEntries(
          Object.entries(this.headers).map(([h, v]) => [`gatewayresponse.header.${h}`, quoted(v)]),
        ),
      });
      api.redeployOn(response);
    }

    this.node.addValidation({
      validate: () =>
        api.node.children
          .filter((c) => c instanceof ApiGatewayResource && !this.covered.has(c.node.id))
          .map(
            (c) =>
              `MissingPreflight: resource ${c.node.id} of ${api.node.path} was added after Cors ${this.node.path}; build Cors after the last addMethod`,
          ),
    });
  }

  /**
   * Adds the CORS headers (origin, Vary, credentials) to the responses of a non-proxy method that
   * `PrivateRestApi.addMethod` built, for the given status codes. Proxy integrations must set them
   * in the backend's response instead.
   */
  allowOnMethod(
    api: PrivateRestApi,
    path: string,
    httpMethod: string,
    statuses: readonly string[],
  ): void {
    const slug = pathSlug(path);
    const problems = new Problems(`Cors ${this.node.path}`);
    for (const status of statuses) {
      const methodResponse = api.node.tryFindChild(`response-${slug}-${httpMethod}-${status}`);
      const integrationResponse = api.node.tryFindChild(
        `integration-response-${slug}-${httpMethod}-${status}`,
      );
      if (
        !(methodResponse instanceof ApiGatewayMethodResponse) ||
        !(integrationResponse instanceof ApiGatewayIntegrationResponse)
      ) {
        problems.add(
          'UnknownMethodResponse',
          'statuses',
          `${httpMethod} ${path} ${status}`,
          'must name a response that addMethod built (integration.responses)',
        );
        continue;
      }
      const headers = { ...this.headers };
      delete headers['Access-Control-Allow-Methods'];
      delete headers['Access-Control-Allow-Headers'];
      methodResponse.addOverride(
        'response_parameters',
        Object.fromEntries(Object.keys(headers).map((h) => [`method.response.header.${h}`, true])),
      );
      integrationResponse.addOverride(
        'response_parameters',
        Object.fromEntries(
          Object.entries(headers).map(([h, v]) => [`method.response.header.${h}`, quoted(v)]),
        ),
      );
    }
    problems.throwIfAny();
  }

  private addPreflight(
    api: PrivateRestApi,
    slug: string,
    resourceId: string,
    maxAge: number,
  ): void {
    const base = { restApiId: api.id, resourceId };
    const method = new ApiGatewayMethod(this, `options-${slug}`, {
      ...base,
      httpMethod: 'OPTIONS',
      // Browsers send preflights without credentials; the resource policy still limits the source.
      authorization: 'NONE',
    });
    const integration = new ApiGatewayIntegration(this, `options-${slug}-integration`, {
      ...base,
      httpMethod: method.httpMethod,
      type: 'MOCK',
      passthroughBehavior: 'WHEN_NO_MATCH',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
    });
    const headers = { ...this.headers, 'Access-Control-Max-Age': String(maxAge) };
    const methodResponse = new ApiGatewayMethodResponse(this, `options-${slug}-200`, {
      ...base,
      httpMethod: method.httpMethod,
      statusCode: '200',
      responseParameters: Object.fromEntries(
        Object.keys(headers).map((h) => [`method.response.header.${h}`, true]),
      ),
    });
    const integrationResponse = new ApiGatewayIntegrationResponse(
      this,
      `options-${slug}-integration-200`,
      {
        ...base,
        httpMethod: method.httpMethod,
        statusCode: methodResponse.statusCode,
        responseParameters: Object.fromEntries(
          Object.entries(headers).map(([h, v]) => [`method.response.header.${h}`, quoted(v)]),
        ),
        responseTemplates: { 'application/json': '' },
        dependsOn: [integration],
      },
    );
    for (const r of [method, integration, methodResponse, integrationResponse]) api.redeployOn(r);
  }
}

/** The slug PrivateRestApi derives its construct IDs from (`/orders/{id}` -> `orders-id`). */
function pathSlug(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts.length === 0
    ? 'root'
    : parts.map((p) => p.replace(/[{}+]/g, (c) => (c === '+' ? '-greedy' : ''))).join('-');
}
