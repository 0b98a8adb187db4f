import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { AccountScope } from '@apigw-private/constructs/app/account-scope';
import { ReferenceStack } from '@apigw-private/constructs/app/reference-stack';
import { LambdaClient } from '@apigw-private/constructs/compute/lambda-client';
import {
  ExecuteApiEndpoint,
  IExecuteApiEndpoint,
} from '@apigw-private/constructs/endpoints/execute-api-endpoint';
import type { LogsKey } from '@apigw-private/constructs/logging/log-group';
import type { Network } from '@apigw-private/constructs/network/network';
import { mockIntegration } from '@apigw-private/constructs/rest/mock-integration';
import type { AccountTarget } from '@apigw-private/constructs/providers/aws';
import type { Mode } from '@apigw-private/constructs/providers/mode';
import { PrivateRestApi } from '@apigw-private/constructs/rest/private-rest-api';
import type { Authorization } from '@apigw-private/constructs/rest/rest-api-base';
import { ResourcePolicy } from '@apigw-private/constructs/rest/resource-policy';
import {
  logsKeyFor,
  networkFor,
  stageFor,
} from '@apigw-private/constructs/spine/private-api-spine';
import { AccountKey, CrossAccountConfig, SHORT_NAMES, StackId } from './config';

export interface CrossAccountStackProps {
  readonly config: CrossAccountConfig;
  readonly mode: Mode;
}

/** Where an account of the config deploys: its ID, the app's Region, its deploy role. */
export function targetFor(config: CrossAccountConfig, key: AccountKey): AccountTarget {
  const account = config.accounts[key];
  return {
    accountId: account.accountId,
    region: account.region ?? config.region,
    roleName: account.roleName,
  };
}

export interface PrivateApiOptions {
  readonly account: 'b' | 'central';
  /** Endpoints whose calls the resource policy allows (and that the API is associated with). */
  readonly endpoints: readonly IExecuteApiEndpoint[];
  /** IAM principals allowed by the resource policy (another account's root, say). */
  readonly principals?: readonly string[];
  /** Authorization of the API's methods. */
  readonly authorization: Authorization;
}

/**
 * A stack of apps/cross-account: its default provider deploys into `home`; `scopeFor` gives an
 * AccountScope (aliased provider, assuming that account's role in deploy mode) for each other
 * account, so every variant plans as one unit.
 */
export class CrossAccountStack extends ReferenceStack {
  readonly config: CrossAccountConfig;
  readonly stackId: StackId;
  /** The account of the stack's default provider. */
  readonly homeKey: AccountKey;
  private readonly scopes = new Map<AccountKey, AccountScope>();
  private readonly keys = new Map<Construct, LogsKey | undefined>();

  constructor(
    scope: Construct,
    id: StackId,
    home: AccountKey,
    props: CrossAccountStackProps,
    architecture: string,
  ) {
    super(scope, id, {
      app: 'cross-account',
      mode: props.mode,
      target: targetFor(props.config, home),
      backend: props.config.backend,
      tags: { Architecture: architecture },
    });
    this.config = props.config;
    this.stackId = id;
    this.homeKey = home;
  }

  /** The construct scope of an account: the stack itself for its home account. */
  scopeFor(key: AccountKey): Construct {
    if (key === this.homeKey) return this;
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = new AccountScope(this, `account-${key}`, {
        alias: key,
        target: targetFor(this.config, key),
      });
      this.scopes.set(key, scope);
    }
    return scope;
  }

  /** The account's KMS key for log groups (one per account and stack), when config asks for it. */
  logsKeyFor(key: AccountKey): LogsKey | undefined {
    const scope = this.scopeFor(key);
    if (!this.keys.has(scope)) this.keys.set(scope, logsKeyFor(scope, this.config.logs));
    return this.keys.get(scope);
  }

  /** The VPC of an account, named after the stack and the network's config key. */
  networkFor(
    account: AccountKey,
    networkKey: keyof CrossAccountConfig['networks'] = account as 'a',
  ): Network {
    return networkFor(
      this.scopeFor(account),
      `${SHORT_NAMES[this.stackId]}-${networkKey}`,
      this.config.networks[networkKey],
      this.config.logs,
      this.logsKeyFor(account),
    );
  }

  /**
   * The VPC-attached Lambda client of the home account (construct ID `lambda-client`), calling
   * `api` through `endpoint`; its function name is the `lambda-client-name` output.
   */
  lambdaClient(options: {
    readonly network: Network;
    readonly api: PrivateRestApi;
    readonly endpoint: ExecuteApiEndpoint;
    readonly signRequests: boolean;
    /** How to invoke it, for the output's description. */
    readonly usage: string;
  }): LambdaClient {
    const client = new LambdaClient(this, 'lambda-client', {
      network: options.network,
      api: options.api,
      endpoint: options.endpoint,
      logRetentionDays: this.config.logs.retentionDays,
      logsKey: this.logsKeyFor(this.homeKey),
      signRequests: options.signRequests,
    });
    this.output('lambda-client-name', client.function.functionName, options.usage);
    return client;
  }

  /**
   * The private REST API of an account (construct ID `private-api`): PRIVATE, resource policy
   * allowing only the given endpoints (and principals), stage from config, and `GET /hello`
   * answered by a mock that echoes the calling endpoint.
   */
  privateApi(options: PrivateApiOptions): PrivateRestApi {
    const { config } = this;
    const api = new PrivateRestApi(this.scopeFor(options.account), 'private-api', {
      name: `${config.privateApi.name}-${this.stackId}`,
      description: `Private REST API of ${this.stackId} (account ${options.account})`,
      endpoints: options.endpoints,
      policy: ResourcePolicy.fromEndpoints(options.endpoints, { principals: options.principals }),
      stage: stageFor(config.privateApi, config.logs, this.logsKeyFor(options.account)),
    });
    api.addMethod('/hello', 'GET', {
      authorization: options.authorization,
      integration: mockIntegration(
        '{"message": "Hello from the private API", "account": "$context.accountId", "vpce": "$context.identity.vpceId", "caller": "$context.identity.caller"}',
      ),
    });
    return api;
  }

  /** The execute-api endpoint of an account's network (ID `execute-api`), 443 open only to `clientCidrs`. */
  executeApiEndpoint(
    account: AccountKey,
    network: Network,
    clientCidrs: readonly string[],
  ): ExecuteApiEndpoint {
    return new ExecuteApiEndpoint(this.scopeFor(account), 'execute-api', {
      network,
      clientCidrs,
      privateDns: true,
    });
  }

  output(id: string, value: string, description: string): void {
    new TerraformOutput(this, id, { value, description });
  }
}
