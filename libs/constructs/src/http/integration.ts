/**
 * HTTP API integrations: every property checked before it is written. Private integrations (over
 * a VPC link to an ALB or NLB listener or a Cloud Map service) are in ./private-integration.ts.
 *
 * ```ts
 * const link = new VpcLinkV2(this, 'link', { name: 'orders', network });
 * const integration = api.addPrivateIntegration('alb', {
 *   vpcLink: link,
 *   target: IntegrationTarget.albListener(alb, listener),     // or nlbListener / cloudMap
 *   stripStagePath: true,                                      // overwrite:path = $request.path
 *   tlsServerName: 'orders.internal.example.com',              // HTTPS to the listener
 *   requestParameters: { 'append:header.x-caller': '$context.authorizer.claims.sub' },
 *   responseParameters: { '404': { 'overwrite:statuscode': '410' } },
 *   timeoutMillis: 10000,
 * });
 * api.addRoute('ANY /{proxy+}', { integration, authorization: { type: 'JWT', authorizer } });
 * ```
 */
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { Problems } from '../errors';
import type { VpcLinkV2 } from './vpc-link';

/** Request parameter keys: `append|overwrite|remove:header.<name>`, `...:querystring.<name>`, `overwrite:path`. */
export const REQUEST_PARAMETER_KEY =
  /^((append|overwrite|remove):(header|querystring)\.[A-Za-z0-9!#$%&'*+.^_`|~-]+|overwrite:path)$/;
/** Response parameter keys: `append|overwrite|remove:header.<name>` or `overwrite:statuscode`. */
export const RESPONSE_PARAMETER_KEY =
  /^((append|overwrite|remove):header\.[A-Za-z0-9!#$%&'*+.^_`|~-]+|overwrite:statuscode)$/;

export interface HttpIntegrationProps {
  /** The API the integration belongs to. */
  readonly api: { readonly id: string };
  /** HTTP APIs support HTTP_PROXY and AWS_PROXY. */
  readonly integrationType: 'HTTP_PROXY' | 'AWS_PROXY';
  /**
   * URL, Lambda ARN, or for private integrations an ALB/NLB listener ARN or Cloud Map service
   * ARN (with optional `?key=value&...` DiscoverInstances filters).
   */
  readonly integrationUri?: string;
  /**
   * Method used to call the backend.
   * @default 'ANY' for HTTP_PROXY, 'POST' for a Lambda proxy (AWS_PROXY), none with a subtype
   */
  readonly integrationMethod?: string;
  /**
   * @default 'VPC_LINK' when vpcLink is given, else 'INTERNET'
   */
  readonly connectionType?: 'INTERNET' | 'VPC_LINK';
  /**
   * The VPC link of a private integration; required with VPC_LINK, refused otherwise.
   * @default - none
   */
  readonly vpcLink?: VpcLinkV2;
  /**
   * AWS service action of an AWS_PROXY integration, e.g. `SQS-SendMessage`.
   * @default - none
   */
  readonly integrationSubtype?: string;
  /**
   * `1.0` or `2.0` for Lambda proxy integrations; every other integration, private ones
   * included, supports only `1.0`.
   * @default '1.0'
   */
  readonly payloadFormatVersion?: string;
  /**
   * 50-30000 milliseconds.
   * @default 30000
   */
  readonly timeoutMillis?: number;
  /**
   * HTTPS to the private backend, verifying its certificate against this name.
   * @default - plain HTTP to the backend
   */
  readonly tlsServerName?: string;
  /**
   * Request transformations, e.g. `{ 'append:header.x-id': '$context.requestId' }`.
   * @default - none
   */
  readonly requestParameters?: Record<string, string>;
  /**
   * Response transformations keyed by backend status code (200-599).
   * @default - none
   */
  readonly responseParameters?: Record<string, Record<string, string>>;
  /**
   * For private integrations API Gateway sends the stage name as the first path segment
   * (`/v1/orders` for a request to stage v1). True adds `overwrite:path = $request.path`, so the
   * backend sees `/orders`. Has no effect on the `$default` stage, which adds no segment.
   * @default false
   */
  readonly stripStagePath?: boolean;
  /**
   * Role API Gateway assumes for AWS_PROXY service integrations.
   * @default - none
   */
  readonly credentialsArn?: string;
  /**
   * @default - a description naming the construct path
   */
  readonly description?: string;
}

function isInRange(n: number, lo: number, hi: number): boolean {
  return Number.isInteger(n) && n >= lo && n <= hi;
}

/** Every check on an HTTP API integration, reported together. */
export function checkHttpIntegration(props: HttpIntegrationProps, subject: string): Problems {
  const problems = new Problems(subject);
  const connectionType = props.connectionType ?? (props.vpcLink ? 'VPC_LINK' : 'INTERNET');
  const payload = props.payloadFormatVersion ?? '1.0';
  problems.check(
    ['HTTP_PROXY', 'AWS_PROXY'].includes(props.integrationType),
    'InvalidIntegrationType',
    'props.integrationType',
    props.integrationType,
    'must be HTTP_PROXY or AWS_PROXY for HTTP APIs',
  );
  problems.check(
    connectionType !== 'VPC_LINK' || props.vpcLink !== undefined,
    'VpcLinkMissing',
    'props.vpcLink',
    props.vpcLink,
    'is required when connectionType is VPC_LINK: a private integration reaches the VPC only through a VPC link',
  );
  problems.check(
    connectionType !== 'INTERNET' || props.vpcLink === undefined,
    'VpcLinkWithoutVpcLinkConnection',
    'props.connectionType',
    connectionType,
    'must be VPC_LINK when a vpcLink is given',
  );
  problems.check(
    props.integrationSubtype === undefined || props.integrationType === 'AWS_PROXY',
    'SubtypeWithoutAwsProxy',
    'props.integrationSubtype',
    props.integrationSubtype,
    `is only allowed on AWS_PROXY integrations, not ${props.integrationType}`,
  );
  if (connectionType === 'VPC_LINK') {
    problems.check(
      payload === '1.0',
      'UnsupportedPayloadFormat',
      'props.payloadFormatVersion',
      payload,
      "must be '1.0' for a private (VPC_LINK) integration",
    );
    problems.check(
      props.integrationType === 'HTTP_PROXY',
      'InvalidIntegrationType',
      'props.integrationType',
      props.integrationType,
      'must be HTTP_PROXY for a private (VPC_LINK) integration',
    );
  } else if (props.integrationType === 'AWS_PROXY' && props.integrationSubtype === undefined) {
    problems.check(
      ['1.0', '2.0'].includes(payload),
      'UnsupportedPayloadFormat',
      'props.payloadFormatVersion',
      payload,
      "must be '1.0' or '2.0' for a Lambda proxy integration",
    );
  } else {
    problems.check(
      payload === '1.0',
      'UnsupportedPayloadFormat',
      'props.payloadFormatVersion',
      payload,
      `must be '1.0' for ${props.integrationType} integrations`,
    );
  }
  problems.check(
    props.tlsServerName === undefined || connectionType === 'VPC_LINK',
    'TlsConfigWithoutVpcLink',
    'props.tlsServerName',
    props.tlsServerName,
    'is only used by private (VPC_LINK) integrations',
  );
  if (props.tlsServerName !== undefined) {
    problems.check(
      /^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/.test(
        // A name built from values known only at apply (a private API's invoke domain holds its
        // ID) is checked with a stand-in label for each of them.
        Token.isUnresolved(props.tlsServerName)
          ? props.tlsServerName.replace(/\$\{TfToken\[[^\]]+\]\}/g, 'token')
          : props.tlsServerName,
      ),
      'InvalidServerName',
      'props.tlsServerName',
      props.tlsServerName,
      'must be a DNS name the backend certificate covers',
    );
  }
  const timeout = props.timeoutMillis;
  problems.check(
    timeout === undefined || isInRange(timeout, 50, 30000),
    'InvalidTimeout',
    'props.timeoutMillis',
    timeout,
    'must be 50-30000 milliseconds for HTTP APIs',
  );
  problems.check(
    props.integrationUri !== undefined || props.integrationSubtype !== undefined,
    'MissingIntegrationUri',
    'props.integrationUri',
    props.integrationUri,
    'is required unless the integration has a subtype',
  );

  // Parameter mappings on AWS_PROXY integrations with a subtype are service parameters.
  if (props.integrationSubtype === undefined) {
    for (const [key, value] of Object.entries(props.requestParameters ?? {})) {
      problems.check(
        REQUEST_PARAMETER_KEY.test(key),
        'InvalidRequestParameter',
        `props.requestParameters["${key}"]`,
        key,
        'must be append|overwrite|remove:header.<name>, append|overwrite|remove:querystring.<name> or overwrite:path',
      );
      if (key.startsWith('remove:')) {
        problems.check(
          value === "''",
          'InvalidRequestParameter',
          `props.requestParameters["${key}"]`,
          value,
          "must be '' (two single quotes) for a remove mapping",
        );
      } else {
        problems.check(
          value.length > 0,
          'InvalidRequestParameter',
          `props.requestParameters["${key}"]`,
          value,
          'must be a static value or a $request/$context/$stageVariables expression',
        );
      }
    }
  }
  problems.check(
    !(props.stripStagePath && props.requestParameters?.['overwrite:path'] !== undefined),
    'ConflictingPathMapping',
    'props.requestParameters["overwrite:path"]',
    props.requestParameters?.['overwrite:path'],
    'must be left out when stripStagePath is true (it sets overwrite:path itself)',
  );
  for (const [status, mappings] of Object.entries(props.responseParameters ?? {})) {
    const n = Number(status);
    problems.check(
      /^\d{3}$/.test(status) && isInRange(n, 200, 599),
      'InvalidResponseStatus',
      'props.responseParameters',
      status,
      'must be keyed by an HTTP status code 200-599',
    );
    for (const [key, value] of Object.entries(mappings)) {
      problems.check(
        RESPONSE_PARAMETER_KEY.test(key),
        'InvalidResponseParameter',
        `props.responseParameters["${status}"]["${key}"]`,
        key,
        'must be append|overwrite|remove:header.<name> or overwrite:statuscode',
      );
      if (key === 'overwrite:statuscode' && !value.startsWith('$')) {
        problems.check(
          /^\d{3}$/.test(value) && isInRange(Number(value), 100, 599),
          'InvalidResponseParameter',
          `props.responseParameters["${status}"]["${key}"]`,
          value,
          'must be a status code 100-599 or an expression',
        );
      }
    }
  }
  return problems;
}

function defaultMethod(props: HttpIntegrationProps): string | undefined {
  if (props.integrationSubtype) return undefined;
  return props.integrationType === 'AWS_PROXY' ? 'POST' : 'ANY';
}

/** An HTTP API integration with every property checked before it is written. */
export class HttpIntegration extends Construct {
  readonly resource: Apigatewayv2Integration;

  constructor(scope: Construct, id: string, props: HttpIntegrationProps) {
    super(scope, id);
    checkHttpIntegration(props, `HttpIntegration ${this.node.path}`).throwIfAny();
    const connectionType = props.connectionType ?? (props.vpcLink ? 'VPC_LINK' : 'INTERNET');
    const requestParameters = { ...(props.requestParameters ?? {}) };
    if (props.stripStagePath) requestParameters['overwrite:path'] = '$request.path';
    const responses = Object.entries(props.responseParameters ?? {});
    this.resource = new Apigatewayv2Integration(this, 'resource', {
      apiId: props.api.id,
      description: props.description ?? `Integration ${this.node.path}`,
      integrationType: props.integrationType,
      integrationUri: props.integrationUri,
      integrationSubtype: props.integrationSubtype,
      integrationMethod: props.integrationMethod ?? defaultMethod(props),
      connectionType,
      connectionId: props.vpcLink?.id,
      payloadFormatVersion: props.payloadFormatVersion ?? '1.0',
      timeoutMilliseconds: props.timeoutMillis ?? 30000,
      tlsConfig: props.tlsServerName ? { serverNameToVerify: props.tlsServerName } : undefined,
      requestParameters: Object.keys(requestParameters).length > 0 ? requestParameters : undefined,
      responseParameters:
        responses.length > 0
          ? responses.map(([statusCode, mappings]) => ({ statusCode, mappings }))
          : undefined,
      credentialsArn: props.credentialsArn,
    });
  }

  get id(): string {
    return this.resource.id;
  }
}
