import type { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { Construct } from 'constructs';
import { targetOf } from '../app/account-scope';
import { Problems } from '../errors';
import type { IRestAuthorizer } from './lambda-authorizer';
import { RestApiBase, RestApiBaseProps, RestIntegrationSpec } from './rest-api-base';

export interface FrontDoorMethodOptions {
  /**
   * The authorizer of the method. A public front door always has one: a method without it is
   * refused, so the API is never open to the internet by mistake.
   */
  readonly authorizer: IRestAuthorizer;
  /**
   * Method request parameters, e.g. `{ 'method.request.path.proxy': true }`.
   * @default - none
   */
  readonly requestParameters?: Record<string, boolean>;
  /** The integration; proxy integrations (HTTP_PROXY, AWS_PROXY) pass responses through. */
  readonly integration: Omit<RestIntegrationSpec, 'responses'>;
}

export interface RegionalRestApiProps extends RestApiBaseProps {
  /**
   * What the API is for.
   * @default - a description naming the construct path
   */
  readonly description?: string;
}

/**
 * A public REST API of endpoint type REGIONAL, meant as the authenticated front door to private
 * backends: every method must name an authorizer, and the stage has the same standards as a
 * private API's (access logs with retention, X-Ray, metrics, execution logging, throttling). The
 * deployment is replaced whenever a method, integration or authorizer changes.
 */
export class RegionalRestApi extends RestApiBase {
  constructor(scope: Construct, id: string, props: RegionalRestApiProps) {
    super(
      scope,
      id,
      'RegionalRestApi',
      props,
      (problems) =>
        problems.check(
          /^[A-Za-z0-9_-]{1,128}$/.test(props.name),
          'InvalidName',
          'props.name',
          props.name,
          'must be 1-128 characters of [A-Za-z0-9_-]',
        ),
      (self) => ({
        description: props.description ?? `Regional REST API front door (${self.node.path})`,
        endpointConfiguration: { types: ['REGIONAL'] },
        // Public on purpose: the guardrails read this tag as the declared intent.
        tags: { Exposure: 'public' },
      }),
    );
  }

  /** The stage's invoke URL: `https://{api-id}.execute-api.{region}.amazonaws.com/{stage}`. */
  get url(): string {
    return `https://${this.api.id}.execute-api.${targetOf(this).region}.amazonaws.com/${this.stage.stageName}`;
  }

  /** Adds an authorized method and its integration at `path`. */
  addMethod(path: string, httpMethod: string, options: FrontDoorMethodOptions): ApiGatewayMethod {
    const problems = new Problems(`RegionalRestApi ${this.node.path}`).check(
      options.authorizer !== undefined && options.authorizer !== null,
      'MissingAuthorizer',
      'options.authorizer',
      options.authorizer,
      'is required: a public front door must authorize every method (Lambda or Cognito authorizer)',
    );
    return this.buildMethod(
      path,
      httpMethod,
      {
        authorization: options.authorizer?.authorization,
        authorizerId: options.authorizer?.authorizerId,
        requestParameters: options.requestParameters,
      },
      options.integration,
      problems,
    );
  }
}
