import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { targetOf } from '../app/account-scope';
import type { LogsConfig, NetworkConfig } from '../config/schema';
import { ExecuteApiEndpoint } from '../endpoints/execute-api-endpoint';
import { LogsKey } from '../logging/log-group';
import { Network } from '../network/network';
import { PrivateRestApi } from '../rest/private-rest-api';
import { ResourcePolicy } from '../rest/resource-policy';
import type { StageOptions } from '../rest/stage-options';

/**
 * The stage part of an app's API config (what `restApiSchema` in config/schema.ts parses).
 * Apps whose config has no logging level leave it out.
 */
export interface StageConfig {
  readonly stageName: string;
  readonly loggingLevel?: 'ERROR' | 'INFO';
  readonly throttleRateLimit: number;
  readonly throttleBurstLimit: number;
}

/** The network part of an app's config; `subnetNewBits` as in `networkSchema`. */
export type NetworkSpec = Pick<NetworkConfig, 'vpcCidr' | 'azs'> & {
  readonly subnetNewBits?: number;
};

/**
 * The customer managed KMS key for the log groups of `scope`'s account and Region (construct ID
 * `logs-key`), when the logs config asks for one.
 */
export function logsKeyFor(scope: Construct, logs: LogsConfig): LogsKey | undefined {
  if (!logs.kmsKey) return undefined;
  const { accountId, region } = targetOf(scope);
  return new LogsKey(scope, 'logs-key', { accountId, region });
}

/** The VPC of a network config (construct ID `network`), its flow logs kept as `logs` says. */
export function networkFor(
  scope: Construct,
  name: string,
  network: NetworkSpec,
  logs: LogsConfig,
  logsKey: LogsKey | undefined,
): Network {
  return new Network(scope, 'network', {
    name,
    cidr: network.vpcCidr,
    azs: network.azs,
    subnetNewBits: network.subnetNewBits,
    flowLogs: { retentionDays: logs.retentionDays, kmsKey: logsKey },
  });
}

/**
 * Stage options of a REST (or HTTP) API from the app config: stage name, access log retention
 * and key, execution logging level and throttling, mapped in this one place.
 */
export function stageFor(
  api: StageConfig,
  logs: LogsConfig,
  logsKey: LogsKey | undefined,
): StageOptions {
  return {
    name: api.stageName,
    accessLogRetentionDays: logs.retentionDays,
    logsKey,
    loggingLevel: api.loggingLevel,
    throttleRateLimit: api.throttleRateLimit,
    throttleBurstLimit: api.throttleBurstLimit,
  };
}

/** A network the spine builds: the VPC's name (tags, flow log group) and its config. */
export type NewNetwork = NetworkSpec & {
  /** Name of the VPC, used in its tags and the flow log group name (the stack ID, usually). */
  readonly name: string;
};

export interface PrivateApiSpineProps {
  /**
   * The VPC to build (construct ID `network`, with the `logs-key` when config asks for one), or
   * a Network the app built already, for apps that need the VPC before the API.
   */
  readonly network: NewNetwork | Network;
  /**
   * Key of the log groups when `network` is an existing Network.
   * @default - a new key (construct ID `logs-key`) for a new network when `logs.kmsKey` is on;
   *   none for an existing network
   */
  readonly logsKey?: LogsKey;
  readonly logs: LogsConfig;
  /** Stage settings of the API. */
  readonly api: StageConfig;
  /** Name of the REST API. */
  readonly apiName: string;
  /** What the API is for. */
  readonly description: string;
  /**
   * Networks whose clients may reach the execute-api endpoint on 443.
   * @default - the VPC's own CIDR
   */
  readonly clientCidrs?: readonly string[];
  /**
   * Private DNS on the execute-api endpoint.
   * @default true
   */
  readonly privateDns?: boolean;
}

export interface SpineOutputOptions {
  /** Path appended to each invoke URL, e.g. `/hello` or `/`. */
  readonly path: string;
  /**
   * Also output the endpoint's public DNS hostname and the `x-apigw-api-id` header it needs.
   * @default true
   */
  readonly endpointDns?: boolean;
  /**
   * Also output the private DNS invoke URL (only when the endpoint has private DNS on).
   * @default true
   */
  readonly privateDns?: boolean;
}

/**
 * The chain every reference app shares, built in `scope` with the same construct IDs an app
 * would use itself (`logs-key`, `network`, `execute-api`, `api`): the spine is not a construct,
 * adds no level to the construct path, and so changes no Terraform address. It builds the optional KMS key for logs, the VPC
 * with flow logs, the execute-api endpoint (443 from the client networks only), and the PRIVATE
 * REST API whose resource policy allows only that endpoint, with its stage from config.
 *
 * The stage logs to CloudWatch, which needs the account's API Gateway CloudWatch role in this
 * account and Region: apps/account-settings owns that setting, deployed first.
 */
export class PrivateApiSpine {
  readonly logsKey?: LogsKey;
  readonly network: Network;
  readonly endpoint: ExecuteApiEndpoint;
  readonly api: PrivateRestApi;
  private readonly scope: Construct;

  constructor(scope: Construct, props: PrivateApiSpineProps) {
    this.scope = scope;
    const network = props.network;
    if (network instanceof Network) {
      this.logsKey = props.logsKey;
      this.network = network;
    } else {
      this.logsKey = logsKeyFor(scope, props.logs);
      this.network = networkFor(scope, network.name, network, props.logs, this.logsKey);
    }
    this.endpoint = new ExecuteApiEndpoint(scope, 'execute-api', {
      network: this.network,
      clientCidrs: props.clientCidrs ?? [this.network.cidr],
      privateDns: props.privateDns,
    });
    this.api = new PrivateRestApi(scope, 'api', {
      name: props.apiName,
      description: props.description,
      endpoints: [this.endpoint],
      policy: ResourcePolicy.fromEndpoints([this.endpoint]),
      stage: stageFor(props.api, props.logs, this.logsKey),
    });
  }

  /**
   * The standard outputs of the stack: the invoke URL of each DNS option (Route 53 alias always;
   * the endpoint hostname with its header and private DNS as asked), the API ID and the
   * endpoint ID.
   */
  addOutputs(options: SpineOutputOptions): void {
    const stack = TerraformStack.of(this.scope);
    const { api, endpoint } = this;
    const output = (id: string, value: string, description?: string) =>
      new TerraformOutput(stack, id, { value, description });
    if ((options.privateDns ?? true) && endpoint.privateDns) {
      output(
        'invoke-url-private-dns',
        `${api.privateDnsUrl}${options.path}`,
        'Private DNS name: resolves to the endpoint only inside this VPC',
      );
    }
    if (options.endpointDns ?? true) {
      output(
        'invoke-url-endpoint-dns',
        `https://${endpoint.publicDnsName}/${api.stageName}${options.path}`,
        'The endpoint public DNS hostname: send the header in invoke-header-endpoint-dns',
      );
      output(
        'invoke-header-endpoint-dns',
        `x-apigw-api-id: ${api.id}`,
        'Header to send with the endpoint hostname',
      );
    }
    output(
      'invoke-url-route53-alias',
      `${api.aliasUrl(endpoint)}${options.path}`,
      'Route 53 alias (endpoint-specific) name: publicly resolvable, no header needed',
    );
    output('api-id', api.id);
    output('execute-api-endpoint-id', endpoint.endpointId);
  }
}
