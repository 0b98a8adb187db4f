import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment';
import {
  ApiGatewayIntegration,
  ApiGatewayIntegrationConfig,
} from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayIntegrationResponse } from '@cdktf/provider-aws/lib/api-gateway-integration-response';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayMethodResponse } from '@cdktf/provider-aws/lib/api-gateway-method-response';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import {
  ApiGatewayRestApi,
  ApiGatewayRestApiConfig,
} from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { Fn, IResolveContext, Lazy, TerraformResource } from 'cdktf';
import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import { Problems } from '../errors';
import { LogGroup } from '../logging/log-group';
import { HTTP_METHODS, normalize, PATH_PART, slug } from './paths';
import { ACCESS_LOG_FORMAT, StageOptions } from './stage-options';

export type Authorization = 'NONE' | 'AWS_IAM' | 'CUSTOM' | 'COGNITO_USER_POOLS';

/** One response of a non-proxy integration. */
export interface RestResponseSpec {
  /**
   * Regular expression on the backend's status or error message that selects this response.
   * @default - the default response
   */
  readonly selectionPattern?: string;
  /**
   * Response body mapping templates by content type.
   * @default - the integration's body passes through
   */
  readonly templates?: Record<string, string>;
  /**
   * Response headers with static values, e.g. `{ 'Cache-Control': 'no-store' }`, sent with those
   * the whole API sends (`addResponseHeaders`).
   * @default - only the API-wide headers
   */
  readonly headers?: Record<string, string>;
}

/** An integration of one method: the integration resource's settings without the API IDs. */
export type RestIntegrationSpec = Omit<
  ApiGatewayIntegrationConfig,
  'restApiId' | 'resourceId' | 'httpMethod'
> & {
  /**
   * For non-proxy integrations (MOCK, HTTP, AWS): the responses, keyed by status code.
   * @default - none; proxy integrations pass the backend's response through
   */
  readonly responses?: Record<string, RestResponseSpec>;
};

export interface RestApiBaseProps {
  readonly name: string;
  /**
   * The stage. Its logging needs the API Gateway CloudWatch role set on the account and Region
   * (apps/account-settings owns that setting; deploy it first).
   */
  readonly stage: StageOptions;
}

/** What distinguishes one kind of REST API: its endpoint type, policy, description and tags. */
export type RestApiDefinition = Pick<
  ApiGatewayRestApiConfig,
  'description' | 'endpointConfiguration' | 'policy' | 'disableExecuteApiEndpoint' | 'tags'
>;

/** The method side of `addMethod`: how callers are authorized and what they must send. */
export interface MethodAuthorization {
  readonly authorization: Authorization;
  readonly authorizerId?: string;
  readonly requestParameters?: Record<string, boolean>;
}

/** `{ Name: value }` to `{ 'method.response.header.Name': f(value) }`; nothing when empty. */
function headerMap<T>(
  headers: Record<string, string>,
  value: (v: string) => T,
): Record<string, T> | undefined {
  const entries = Object.entries(headers);
  if (entries.length === 0) return undefined;
  return Object.fromEntries(
    entries.map(([name, v]) => [`method.response.header.${name}`, value(v)]),
  );
}

/**
 * A map whose entries are known only at synth. The provider binding types such maps as plain
 * records, while cdktf resolves the token when it writes the JSON.
 */
function lazyRecord<T>(produce: () => Record<string, T> | undefined): Record<string, T> {
  return Lazy.anyValue({ produce }) as unknown as Record<string, T>;
}

/**
 * What every REST API of this library shares, whatever its endpoint type: a deployment that is
 * replaced whenever a method, integration, response, authorizer or the resource policy changes,
 * and a stage with JSON access logs (retention set), X-Ray, metrics, execution logging, data
 * trace off and throttling. PrivateRestApi and RegionalRestApi add their own rules on top.
 */
export abstract class RestApiBase extends Construct {
  readonly api: ApiGatewayRestApi;
  readonly deployment: ApiGatewayDeployment;
  readonly stage: ApiGatewayStage;
  readonly accessLogs: LogGroup;
  private readonly kind: string;
  private readonly resources = new Map<string, ApiGatewayResource>();
  private readonly methods = new Set<string>();
  private readonly responseHeaders: Record<string, string> = {};
  private readonly deploymentInputs: TerraformResource[] = [];

  /**
   * @param kind the class name used in error messages
   * @param check adds the subclass's own problems; all are reported before anything is built
   * @param define the API's own settings, built only once the props are known to be good; it
   *   gets the construct itself as scope for what it creates (a subclass cannot use `this` yet)
   */
  protected constructor(
    scope: Construct,
    id: string,
    kind: string,
    props: RestApiBaseProps,
    check: (problems: Problems) => void,
    define: (self: RestApiBase) => RestApiDefinition,
  ) {
    super(scope, id);
    this.kind = kind;
    const { stage } = props;
    const problems = new Problems(`${kind} ${this.node.path}`);
    check(problems);
    problems.check(
      stage.throttleRateLimit > 0,
      'InvalidThrottle',
      'props.stage.throttleRateLimit',
      stage.throttleRateLimit,
      'must be greater than 0',
    );
    problems.check(
      Number.isInteger(stage.throttleBurstLimit) && stage.throttleBurstLimit > 0,
      'InvalidThrottle',
      'props.stage.throttleBurstLimit',
      stage.throttleBurstLimit,
      'must be a whole number greater than 0',
    );
    problems.throwIfAny();

    const definition = define(this);
    this.api = new ApiGatewayRestApi(this, 'resource', { name: props.name, ...definition });
    this.deployment = new ApiGatewayDeployment(this, 'deployment', {
      restApiId: this.api.id,
      description: 'Managed by cdktf; replaced whenever the API definition changes',
      triggers: {
        definition: Lazy.stringValue({ produce: (context) => this.definitionHash(context) }),
        ...(definition.policy ? { policy: Fn.sha1(definition.policy) } : {}),
      },
      lifecycle: { createBeforeDestroy: true },
    });
    // A deployment must wait for every method, integration and response it serves.
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
          ? [`NoMethods: ${kind} ${this.node.path} has no methods; a deployment needs at least one`]
          : [],
    });
  }

  get id(): string {
    return this.api.id;
  }

  get stageName(): string {
    return this.stage.stageName;
  }

  /** ARN prefix for IAM policies: `arn:aws:execute-api:region:account:api-id`. */
  get executionArn(): string {
    return this.api.executionArn;
  }

  /** The resource at `path` (e.g. `/orders/{id}`), creating it and its parents as needed. */
  resourceFor(path: string): { id: string } {
    const parts = path.split('/').filter(Boolean);
    const problems = new Problems(`${this.kind} ${this.node.path}`);
    problems.checkEach(
      parts,
      (part) => PATH_PART.test(part),
      'InvalidPath',
      'path',
      'must be a path part of [A-Za-z0-9._~-] or a {param} / {param+}',
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

  /**
   * Builds a method, its integration and, for non-proxy integrations, its responses. `problems`
   * holds the subclass's checks of the method; they are reported with the HTTP method check.
   */
  protected buildMethod(
    path: string,
    httpMethod: string,
    method: MethodAuthorization,
    integrationSpec: RestIntegrationSpec,
    problems: Problems,
  ): ApiGatewayMethod {
    problems
      .check(
        HTTP_METHODS.includes(httpMethod),
        'InvalidHttpMethod',
        'httpMethod',
        httpMethod,
        `must be one of ${HTTP_METHODS.join(', ')}`,
      )
      .throwIfAny();
    const resourceId = this.resourceFor(path).id;
    const id = `${slug(path)}-${httpMethod}`;
    const resource = new ApiGatewayMethod(this, `method-${id}`, {
      restApiId: this.api.id,
      resourceId,
      httpMethod,
      authorization: method.authorization,
      authorizerId: method.authorizerId,
      requestParameters: method.requestParameters,
    });
    const { responses, ...integrationConfig } = integrationSpec;
    const integration = new ApiGatewayIntegration(this, `integration-${id}`, {
      ...integrationConfig,
      restApiId: this.api.id,
      resourceId,
      httpMethod: resource.httpMethod,
    });
    this.deploymentInputs.push(resource, integration);
    this.methods.add(`${httpMethod} ${normalize(path)}`);
    for (const [status, response] of Object.entries(responses ?? {})) {
      // Headers resolve at synth, so API-wide headers added later (CORS) reach every response.
      const headers = () => ({ ...this.responseHeaders, ...response.headers });
      const methodResponse = new ApiGatewayMethodResponse(this, `response-${id}-${status}`, {
        restApiId: this.api.id,
        resourceId,
        httpMethod: resource.httpMethod,
        statusCode: status,
        responseParameters: lazyRecord(() => headerMap(headers(), () => true)),
      });
      const integrationResponse = new ApiGatewayIntegrationResponse(
        this,
        `integration-response-${id}-${status}`,
        {
          restApiId: this.api.id,
          resourceId,
          httpMethod: resource.httpMethod,
          statusCode: methodResponse.statusCode,
          selectionPattern: response.selectionPattern,
          responseTemplates: response.templates,
          responseParameters: lazyRecord(() => headerMap(headers(), (value) => `'${value}'`)),
          dependsOn: [integration],
        },
      );
      this.deploymentInputs.push(methodResponse, integrationResponse);
    }
    return resource;
  }

  /**
   * Static headers sent on every response of every non-proxy method (those with `responses`),
   * e.g. CORS headers. Proxy integrations pass the backend's headers through instead.
   */
  addResponseHeaders(headers: Record<string, string>): void {
    Object.assign(this.responseHeaders, headers);
  }

  /** Paths of the resources the API has, e.g. `['/hello', '/orders', '/orders/{id}']`. */
  get paths(): string[] {
    return [...this.resources.keys()];
  }

  /** True when a method `httpMethod` exists on `path`. */
  hasMethod(path: string, httpMethod: string): boolean {
    return this.methods.has(`${httpMethod} ${normalize(path)}`);
  }

  /** Registers another resource (a gateway response, an authorizer) whose change must redeploy. */
  redeployOn(resource: TerraformResource): void {
    this.deploymentInputs.push(resource);
  }

  /** Hash of the synthesized configuration of everything the deployment serves. */
  private definitionHash(context: IResolveContext): string {
    const definition = this.deploymentInputs.map((r) => context.resolve(r.toTerraform()));
    return createHash('sha1').update(JSON.stringify(definition)).digest('hex');
  }
}
