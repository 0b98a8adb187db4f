/**
 * REST API private integrations: HTTP_PROXY over a VPC link (v1) to an internal NLB.
 *
 * ```ts
 * const link = new RestVpcLink(this, 'link', { name: 'orders', targets: [nlb] });
 * // ANY / and ANY /{proxy+} to http://<nlb>:80/{proxy}, forwarding the caller's path.
 * addPrivateProxy(api, { vpcLink: link, loadBalancer: nlb, port: 80, headers: { 'x-request-id': 'context.requestId' } });
 * // TLS to the backend: https://orders.internal.example.com:443/{proxy}, certificate verified.
 * addPrivateProxy(api, { vpcLink: link, loadBalancer: nlb, port: 443, tls: { hostname: 'orders.internal.example.com' } });
 * ```
 */
import { Problems } from '../errors';
import type { PrivateRestApi } from './private-rest-api';
import type { Authorization, RestIntegrationSpec } from './rest-api-base';
import type { RestVpcLink } from './vpc-link';

export interface RestPrivateIntegrationOptions {
  readonly vpcLink: RestVpcLink;
  /** The NLB the link reaches; its DNS name is the URI host unless `tls.hostname` is given. */
  readonly loadBalancer: { readonly dnsName: string };
  /** NLB listener port. */
  readonly port: number;
  /**
   * TLS to the backend: the URI becomes `https://<hostname>:<port>/...`, and API Gateway
   * checks the backend certificate against `hostname` (the NLB's TLS listener certificate or the
   * targets' own, for a TCP pass-through listener).
   * @default - plain HTTP to the NLB
   */
  readonly tls?: {
    /** Name in the backend certificate; also the Host header the backend sees. */
    readonly hostname: string;
    /**
     * Skip certificate verification; only for backends with self-signed certificates.
     * @default false
     */
    readonly insecureSkipVerification?: boolean;
  };
  /**
   * Headers sent to the backend, keyed by header name, each from `method.request.header.<name>`,
   * `method.request.querystring.<name>`, `context.<variable>`, `stageVariables.<name>` or a
   * static `'value'` in single quotes.
   * @default - none beyond what HTTP_PROXY passes through
   */
  readonly headers?: Record<string, string>;
  /**
   * Integration timeout in milliseconds, 50-29000.
   * @default 29000
   */
  readonly timeoutMillis?: number;
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const SOURCE =
  /^(method\.request\.(header|querystring|path)\.[A-Za-z0-9._$-]+|context\.[A-Za-z0-9.]+|stageVariables\.[A-Za-z0-9_]+|'[^']*')$/;

function check(options: RestPrivateIntegrationOptions): void {
  const problems = new Problems('REST private integration');
  problems.checkPort('options.port', options.port);
  const timeout = options.timeoutMillis;
  problems.check(
    timeout === undefined || (Number.isInteger(timeout) && timeout >= 50 && timeout <= 29000),
    'InvalidTimeout',
    'options.timeoutMillis',
    timeout,
    'must be 50-29000 milliseconds for REST APIs',
  );
  if (options.tls) {
    problems.check(
      /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/.test(
        options.tls.hostname,
      ),
      'InvalidHostname',
      'options.tls.hostname',
      options.tls.hostname,
      'must be a DNS name that the backend certificate covers',
    );
  }
  for (const [name, source] of Object.entries(options.headers ?? {})) {
    problems.check(
      HEADER_NAME.test(name),
      'InvalidHeaderName',
      `options.headers.${name}`,
      name,
      'must be an HTTP header name',
    );
    problems.check(
      SOURCE.test(source),
      'InvalidParameterMapping',
      `options.headers.${name}`,
      source,
      "must be method.request.(header|querystring|path).<name>, context.<variable>, stageVariables.<name> or a 'static value'",
    );
  }
  problems.throwIfAny();
}

/**
 * The integration of one method: HTTP_PROXY, connection type VPC_LINK through the link, to the
 * NLB at `path` (which may use `{proxy}`, mapped from the method's `{proxy+}`).
 */
export function restPrivateIntegration(
  options: RestPrivateIntegrationOptions,
  path = '/',
): RestIntegrationSpec {
  const proxied = path.includes('{proxy}');
  check(options);
  const host = options.tls ? options.tls.hostname : options.loadBalancer.dnsName;
  const scheme = options.tls ? 'https' : 'http';
  const requestParameters: Record<string, string> = {};
  if (proxied) requestParameters['integration.request.path.proxy'] = 'method.request.path.proxy';
  for (const [name, source] of Object.entries(options.headers ?? {})) {
    requestParameters[`integration.request.header.${name}`] = source;
  }
  return {
    type: 'HTTP_PROXY',
    integrationHttpMethod: 'ANY',
    connectionType: 'VPC_LINK',
    connectionId: options.vpcLink.id,
    uri: `${scheme}://${host}:${options.port}${path}`,
    requestParameters: Object.keys(requestParameters).length > 0 ? requestParameters : undefined,
    timeoutMilliseconds: options.timeoutMillis ?? 29000,
    tlsConfig: options.tls
      ? { insecureSkipVerification: options.tls.insecureSkipVerification ?? false }
      : undefined,
  };
}

export interface PrivateProxyOptions extends RestPrivateIntegrationOptions {
  /**
   * How callers are authorized on both methods.
   * @default 'AWS_IAM'
   */
  readonly authorization?: Authorization;
  /**
   * Authorizer for CUSTOM or COGNITO_USER_POOLS.
   * @default - none
   */
  readonly authorizerId?: string;
}

/**
 * Sends every request of a private REST API to the NLB: `ANY /` to the backend root and
 * `ANY /{proxy+}` to the same path on the backend (`method.request.path.proxy` mapped to
 * `integration.request.path.proxy`). Header mappings read from the caller's request are
 * declared on the method request as well.
 */
export function addPrivateProxy(api: PrivateRestApi, options: PrivateProxyOptions): void {
  const methodHeaders: Record<string, boolean> = {};
  for (const source of Object.values(options.headers ?? {})) {
    if (source.startsWith('method.request.')) methodHeaders[source] = false;
  }
  const common = {
    authorization: options.authorization ?? 'AWS_IAM',
    authorizerId: options.authorizerId,
  } as const;
  api.addMethod('/', 'ANY', {
    ...common,
    requestParameters: Object.keys(methodHeaders).length > 0 ? methodHeaders : undefined,
    integration: restPrivateIntegration(options, '/'),
  });
  api.addMethod('/{proxy+}', 'ANY', {
    ...common,
    requestParameters: { 'method.request.path.proxy': true, ...methodHeaders },
    integration: restPrivateIntegration(options, '/{proxy}'),
  });
}
