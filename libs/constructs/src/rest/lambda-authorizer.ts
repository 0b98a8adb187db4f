import { ApiGatewayAuthorizer } from '@cdktf/provider-aws/lib/api-gateway-authorizer';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import type { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { checkFunctionName, nodeFunction } from '../lambda/node-function';
import { Problems } from '../errors';
import type { LogsKey } from '../logging/log-group';

/** A REST API that authorizers attach to: PrivateRestApi and RegionalRestApi both fit. */
export interface IRestApiRef {
  readonly id: string;
  readonly executionArn: string;
  /** Registers a resource whose change must redeploy the API. */
  redeployOn(resource: TerraformResource): void;
}

/** What a method needs to use an authorizer. */
export interface IRestAuthorizer {
  readonly authorizerId: string;
  readonly authorization: 'CUSTOM' | 'COGNITO_USER_POOLS';
}

export interface LambdaAuthorizerProps {
  readonly api: IRestApiRef;
  /** Name of the authorizer and of its function. */
  readonly name: string;
  /**
   * TOKEN: the function receives one header's value. REQUEST: it receives headers, query string,
   * stage variables and context, and the cache key is built from every identity source.
   * @default 'REQUEST'
   */
  readonly type?: 'TOKEN' | 'REQUEST';
  /**
   * Where the identity comes from. TOKEN takes exactly one `method.request.header.<name>`;
   * REQUEST takes a comma-separated list of `method.request.{header,querystring}.<name>`,
   * `stageVariables.<name>` or `context.<name>`.
   * @default 'method.request.header.Authorization'
   */
  readonly identitySource?: string;
  /**
   * Seconds API Gateway caches a decision (0 turns caching off).
   * @default 300
   */
  readonly resultTtlSeconds?: number;
  /**
   * SHA-256 (hex) of the bearer token the bundled function accepts. Only the hash is deployed.
   * @default - none: the function refuses every request until a hash is set
   */
  readonly tokenSha256?: string;
  /** Days to keep the function's logs. */
  readonly logRetentionDays: number;
  /**
   * Key for the function's log group.
   * @default - service-managed encryption
   */
  readonly logsKey?: LogsKey;
}

const HEADER_SOURCE = /^method\.request\.header\.[A-Za-z0-9-]+$/;
const REQUEST_SOURCE =
  /^(method\.request\.(header|querystring)\.[A-Za-z0-9._-]+|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9._]+)$/;

/**
 * A Lambda authorizer (TOKEN or REQUEST) for a REST API: the bundled function from
 * libs/constructs/assets/authorizer, its log group with retention, a role that may write only
 * its own logs and traces, the API Gateway authorizer, and a resource-based permission that lets
 * only this API's authorizer invoke the function.
 */
export class LambdaAuthorizer extends Construct implements IRestAuthorizer {
  readonly function: LambdaFunction;
  readonly authorizer: ApiGatewayAuthorizer;
  readonly authorization = 'CUSTOM' as const;

  constructor(scope: Construct, id: string, props: LambdaAuthorizerProps) {
    super(scope, id);
    const type = props.type ?? 'REQUEST';
    const identitySource = props.identitySource ?? 'method.request.header.Authorization';
    const ttl = props.resultTtlSeconds ?? 300;
    const problems = new Problems(`LambdaAuthorizer ${this.node.path}`);
    checkFunctionName(problems, props.name);
    problems.check(
      Number.isInteger(ttl) && ttl >= 0 && ttl <= 3600,
      'InvalidTtl',
      'props.resultTtlSeconds',
      ttl,
      'must be a whole number of seconds 0-3600',
    );
    if (type === 'TOKEN') {
      problems.check(
        HEADER_SOURCE.test(identitySource),
        'InvalidIdentitySource',
        'props.identitySource',
        identitySource,
        'must be one method.request.header.<name> for a TOKEN authorizer',
      );
    } else {
      problems.checkEach(
        identitySource.split(','),
        (source) => REQUEST_SOURCE.test(source.trim()),
        'InvalidIdentitySource',
        'props.identitySource',
        'must be method.request.header.<name>, method.request.querystring.<name>, stageVariables.<name> or context.<name>',
      );
    }
    if (props.tokenSha256 !== undefined) {
      problems.check(
        /^[0-9a-f]{64}$/.test(props.tokenSha256),
        'InvalidTokenHash',
        'props.tokenSha256',
        props.tokenSha256,
        'must be a SHA-256 digest in lowercase hex (64 characters)',
      );
    }
    problems.throwIfAny();

    this.function = nodeFunction(this, 'function', {
      name: props.name,
      asset: 'authorizer',
      description: `${type} authorizer of API Gateway (bearer token checked against a SHA-256 hash)`,
      logRetentionDays: props.logRetentionDays,
      logsKey: props.logsKey,
      timeoutSeconds: 5,
      environment: { TOKEN_SHA256: props.tokenSha256 ?? '' },
    }).function;
    this.authorizer = new ApiGatewayAuthorizer(this, 'resource', {
      restApiId: props.api.id,
      name: props.name,
      type,
      authorizerUri: this.function.invokeArn,
      identitySource,
      authorizerResultTtlInSeconds: ttl,
    });
    new LambdaPermission(this, 'invoke', {
      statementId: 'AllowThisApiAuthorizerOnly',
      action: 'lambda:InvokeFunction',
      functionName: this.function.functionName,
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${props.api.executionArn}/authorizers/${this.authorizer.id}`,
    });
    props.api.redeployOn(this.authorizer);
  }

  get authorizerId(): string {
    return this.authorizer.id;
  }
}

export interface CognitoAuthorizerProps {
  readonly api: IRestApiRef;
  readonly name: string;
  /** ARNs of the Cognito user pools whose tokens are accepted. */
  readonly userPoolArns: readonly string[];
  /**
   * Header that carries the ID or access token.
   * @default 'method.request.header.Authorization'
   */
  readonly identitySource?: string;
}

const USER_POOL_ARN = /^arn:aws[\w-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/[\w-]+_[0-9a-zA-Z]+$/;

/** A Cognito user pool authorizer for a REST API, for pools that already exist. */
export class CognitoAuthorizer extends Construct implements IRestAuthorizer {
  readonly authorizer: ApiGatewayAuthorizer;
  readonly authorization = 'COGNITO_USER_POOLS' as const;

  constructor(scope: Construct, id: string, props: CognitoAuthorizerProps) {
    super(scope, id);
    const identitySource = props.identitySource ?? 'method.request.header.Authorization';
    const problems = new Problems(`CognitoAuthorizer ${this.node.path}`);
    problems.check(
      props.userPoolArns.length > 0,
      'NoUserPools',
      'props.userPoolArns',
      [],
      'must list at least one Cognito user pool ARN',
    );
    problems.checkEach(
      props.userPoolArns,
      (arn) => USER_POOL_ARN.test(arn),
      'InvalidUserPoolArn',
      'props.userPoolArns',
      'must be arn:aws:cognito-idp:<region>:<account>:userpool/<pool-id>',
    );
    problems.check(
      HEADER_SOURCE.test(identitySource),
      'InvalidIdentitySource',
      'props.identitySource',
      identitySource,
      'must be one method.request.header.<name>',
    );
    problems.throwIfAny();
    this.authorizer = new ApiGatewayAuthorizer(this, 'resource', {
      restApiId: props.api.id,
      name: props.name,
      type: 'COGNITO_USER_POOLS',
      providerArns: [...props.userPoolArns],
      identitySource,
    });
    props.api.redeployOn(this.authorizer);
  }

  get authorizerId(): string {
    return this.authorizer.id;
  }
}
