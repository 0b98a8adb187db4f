import { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response';
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
    problems.checkEach(
      methods,
      (m) => HTTP_METHODS.includes(m),
      'InvalidHttpMethod',
      'props.allowMethods',
      `must be one of ${HTTP_METHODS.join(', ')}`,
    );
    problems.checkEach(
      allowHeaders,
      (h) => HEADER_NAME.test(h),
      'InvalidHeaderName',
      'props.allowHeaders',
      "must be an HTTP header name (letters, digits and !#$%&'*+.^_`|~-)",
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
      // The answer depends on the request's Origin: caches must keep them apart.
      Vary: 'Origin',
      ...(props.allowCredentials ? { 'Access-Control-Allow-Credentials': 'true' } : {}),
    };

    const { api } = props;
    // Origin, Vary and credentials go on every non-proxy response of the API, whenever built.
    api.addResponseHeaders(this.headers);
    const preflight = {
      'Access-Control-Allow-Methods': methods.join(','),
      'Access-Control-Allow-Headers': allowHeaders.join(','),
      'Access-Control-Max-Age': String(maxAge),
    };
    const paths = [...(props.includeRoot ? ['/'] : []), ...api.paths];
    for (const path of paths) {
      this.covered.add(path);
      // A resource whose OPTIONS method the app defined itself keeps it.
      if (api.hasMethod(path, 'OPTIONS')) continue;
      api.addMethod(path, 'OPTIONS', {
        // Browsers send preflights without credentials; the resource policy still limits the source.
        authorization: 'NONE',
        integration: {
          type: 'MOCK',
          passthroughBehavior: 'WHEN_NO_MATCH',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
          responses: { '200': { templates: { 'application/json': '' }, headers: preflight } },
        },
      });
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
        api.paths
          .filter((path) => !this.covered.has(path))
          .map(
            (path) =>
              `MissingPreflight: resource ${path} of ${api.node.path} was added after Cors ${this.node.path}; build Cors after the last addMethod`,
          ),
    });
  }
}
