import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { IResolveContext, Lazy, TerraformResource } from 'cdktf';
import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import { targetOf } from '../app/account-scope';
import { Problems } from '../errors';
import { LogGroup } from '../logging/log-group';
import type { ApiGatewayAccountLogging } from './account-logging';
import type { IRestAuthorizer } from './lambda-authorizer';
import { ACCESS_LOG_FORMAT, RestIntegrationSpec, StageOptions } from './private-rest-api';

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

export interface RegionalRestApiProps {
  readonly name: string;
  /**
   * What the API is for.
   * @default - a description naming the construct path
   */
  readonly description?: string;
  readonly stage: StageOptions;
  /**
   * The account's API Gateway CloudWatch role, when this stack owns it; the stage waits for it.
   * @default - the role is assumed to be set on the account already
   */
  readonly accountLogging?: ApiGatewayAccountLogging;
}

const PATH_PART = /^(\{[A-Za-z0-9_]+\+?\}|[A-Za-z0-9._~-]+)$/;
const HTTP_METHODS = ['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

function slug(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts.length === 0
    ? 'root'
    : parts.map((p) => p.replace(/[{}+]/g, (c) => (c === '+' ? '-greedy' : ''))).join('-');
}

/**
 * A public REST API of endpoint type REGIONAL, meant as the authenticated front door to private
 * backends: every method must name an authorizer, and the stage has the same standards as a
 * private API's (access logs with retention, X-Ray, metrics, execution logging, throttling). The
 * deployment is replaced whenever a method, integration or authorizer changes.
 */
export class RegionalRestApi extends Construct {
  readonly api: ApiGatewayRestApi;
  readonly deployment: ApiGatewayDeployment;
  readonly stage: ApiGatewayStage;
  readonly accessLogs: LogGroup;
  private readonly resources = new Map<string, ApiGatewayResource>();
  private readonly deploymentInputs: TerraformResource[] = [];

  constructor(scope: Construct, id: string, props: RegionalRestApiProps) {
    super(scope, id);
    const { stage } = props;
    new Problems(`RegionalRestApi ${this.node.path}`)
      .check(
        /^[A-Za-z0-9_-]{1,128}$/.test(props.name),
        'InvalidName',
        'props.name',
        props.name,
        'must be 1-128 characters of [A-Za-z0-9_-]',
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

    this.api = new ApiGatewayRestApi(this, 'resource', {
      name: props.name,
      description: props.description ?? `Regional REST API front door (${this.node.path})`,
      endpointConfiguration: { types: ['REGIONAL'] },
      // Public on purpose: the guardrails read this tag as the declared intent.
      tags: { Exposure: 'public' },
    });
    this.deployment = new ApiGatewayDeployment(this, 'deployment', {
      restApiId: this.api.id,
      description: 'Managed by cdktf; replaced whenever the API definition changes',
      triggers: {
        definition: Lazy.stringValue({ produce: (context) => this.definitionHash(context) }),
      },
      lifecycle: { createBeforeDestroy: true },
    });
    this.deployment.addOverride(
      'depends_on',
      Lazy.listValue({
        produce: () =>
          this.deploymentInputs.map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`),
      }),
    );
    this.accessLogs = new LogGroup(this, 'access-logs', {
      name: `/aws/apigateway/${props.name}/access`,
      retentionDays: stage.accessLogRetentionDays,
      kmsKey: stage.logsKey,
    });
    this.stage = new ApiGatewayStage(this, 'stage', {
      restApiId: this.api.id,
      deploymentId: this.deployment.id,
      stageName: stage.name ?? 'v1',
      xrayTracingEnabled: stage.tracing ?? true,
      accessLogSettings: { destinationArn: this.accessLogs.arn, format: ACCESS_LOG_FORMAT },
      dependsOn: props.accountLogging ? [props.accountLogging.account] : undefined,
    });
    new ApiGatewayMethodSettings(this, 'method-settings', {
      restApiId: this.api.id,
      stageName: this.stage.stageName,
      methodPath: '*/*',
      settings: {
        metricsEnabled: true,
        loggingLevel: stage.loggingLevel ?? 'INFO',
        dataTraceEnabled: false,
        throttlingRateLimit: stage.throttleRateLimit,
        throttlingBurstLimit: stage.throttleBurstLimit,
      },
    });
    this.node.addValidation({
      validate: () =>
        this.deploymentInputs.length === 0
          ? [
              `NoMethods: RegionalRestApi ${this.node.path} has no methods; a deployment needs at least one`,
            ]
          : [],
    });
  }

  get id(): string {
    return this.api.id;
  }

  get stageName(): string {
    return this.stage.stageName;
  }

  get executionArn(): string {
    return this.api.executionArn;
  }

  /** The stage's invoke URL: `https://{api-id}.execute-api.{region}.amazonaws.com/{stage}`. */
  get url(): string {
    return `https://${this.api.id}.execute-api.${targetOf(this).region}.amazonaws.com/${this.stage.stageName}`;
  }

  /** The resource at `path`, creating it and its parents as needed. */
  resourceFor(path: string): { id: string } {
    const parts = path.split('/').filter(Boolean);
    const problems = new Problems(`RegionalRestApi ${this.node.path}`);
    parts.forEach((part, i) =>
      problems.check(
        PATH_PART.test(part),
        'InvalidPath',
        `path[${i}]`,
        part,
        'must be a path part of [A-Za-z0-9._~-] or a {param} / {param+}',
      ),
    );
    problems.throwIfAny();
    let parentId = this.api.rootResourceId;
    let current = '';
    for (const part of parts) {
      current = `${current}/${part}`;
      let resource = this.resources.get(current);
      if (!resource) {
        resource = new ApiGatewayResource(this, `res-${slug(current)}`, {
          restApiId: this.api.id,
          parentId,
          pathPart: part,
        });
        this.resources.set(current, resource);
        this.deploymentInputs.push(resource);
      }
      parentId = resource.id;
    }
    return { id: parentId };
  }

  /** Adds an authorized method and its integration at `path`. */
  addMethod(path: string, httpMethod: string, options: FrontDoorMethodOptions): ApiGatewayMethod {
    new Problems(`RegionalRestApi ${this.node.path}`)
      .check(
        HTTP_METHODS.includes(httpMethod),
        'InvalidHttpMethod',
        'httpMethod',
        httpMethod,
        `must be one of ${HTTP_METHODS.join(', ')}`,
      )
      .check(
        options.authorizer !== undefined && options.authorizer !== null,
        'MissingAuthorizer',
        'options.authorizer',
        options.authorizer,
        'is required: a public front door must authorize every method (Lambda or Cognito authorizer)',
      )
      .throwIfAny();
    const resourceId = this.resourceFor(path).id;
    const id = `${slug(path)}-${httpMethod}`;
    const method = new ApiGatewayMethod(this, `method-${id}`, {
      restApiId: this.api.id,
      resourceId,
      httpMethod,
      authorization: options.authorizer.authorization,
      authorizerId: options.authorizer.authorizerId,
      requestParameters: options.requestParameters,
    });
    const integration = new ApiGatewayIntegration(this, `integration-${id}`, {
      ...options.integration,
      restApiId: this.api.id,
      resourceId,
      httpMethod: method.httpMethod,
    });
    this.deploymentInputs.push(method, integration);
    return method;
  }

  /** Registers another resource (an authorizer, a gateway response) whose change must redeploy. */
  redeployOn(resource: TerraformResource): void {
    this.deploymentInputs.push(resource);
  }

  private definitionHash(context: IResolveContext): string {
    const definition = this.deploymentInputs.map((r) => context.resolve(r.toTerraform()));
    return createHash('sha1').update(JSON.stringify(definition)).digest('hex');
  }
}
