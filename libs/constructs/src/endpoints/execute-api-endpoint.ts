import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { VpcEndpointPolicy } from '@cdktf/provider-aws/lib/vpc-endpoint-policy';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import type { Network } from '../network/network';
import type { ISecurityGroup } from '../network/security-group';
import { InterfaceEndpoint } from './interface-endpoint';

/**
 * An execute-api endpoint as a private API sees it: its ID (for the resource policy and the
 * API's endpoint association) and, when the endpoint is in this stack, a way to let it invoke
 * the API.
 */
export interface IExecuteApiEndpoint {
  readonly endpointId: string;
  /** Adds an API (by execution ARN) to the endpoint policy, when the endpoint is managed here. */
  allowInvoke?(executionArn: string): void;
  /**
   * Adds a private custom domain name (by its execute-api ARN,
   * `arn:aws:execute-api:<region>:<account>:/domainnames/<name>+<domainNameId>`) to the endpoint
   * policy, when the endpoint is managed here.
   */
  allowInvokeDomain?(domainArn: string): void;
}

export interface ExecuteApiEndpointProps {
  readonly network: Network;
  /** Networks whose clients call private APIs through this endpoint (443 is opened to them only). */
  readonly clientCidrs?: readonly string[];
  /**
   * Client security groups allowed on 443, keyed by a stable name.
   * @default - none; only clientCidrs
   */
  readonly clientGroups?: Record<string, ISecurityGroup>;
  /**
   * Private DNS: `https://{api-id}.execute-api.{region}.amazonaws.com` resolves to the endpoint
   * in this VPC. Turn off when the VPC must still reach public Regional or edge-optimized APIs,
   * and use the endpoint's public DNS hostname or the Route 53 alias name instead.
   * @default true
   */
  readonly privateDns?: boolean;
}

/**
 * The interface VPC endpoint for execute-api in every private subnet, 443 open only to the given
 * clients, and an endpoint policy that allows invoking only the APIs this endpoint serves
 * (those passed to `allowInvoke`, which a PrivateRestApi does for its endpoints) and the private
 * custom domain names it is associated with (`allowInvokeDomain`, which a PrivateCustomDomain
 * does for its endpoints).
 */
export class ExecuteApiEndpoint extends Construct implements IExecuteApiEndpoint {
  /** An endpoint created elsewhere (another stack or account), known by its ID. */
  static fromEndpointId(endpointId: string): IExecuteApiEndpoint {
    return { endpointId };
  }

  readonly endpoint: InterfaceEndpoint;
  readonly privateDns: boolean;
  private readonly apis: string[] = [];
  private readonly domains: string[] = [];

  constructor(scope: Construct, id: string, props: ExecuteApiEndpointProps) {
    super(scope, id);
    this.privateDns = props.privateDns ?? true;
    this.endpoint = new InterfaceEndpoint(this, 'endpoint', {
      network: props.network,
      service: 'execute-api',
      clientCidrs: props.clientCidrs,
      clientGroups: props.clientGroups,
      privateDns: this.privateDns,
    });
    // The policy is its own resource: the APIs it names reference the endpoint themselves.
    // A call through a private custom domain name is authorized against the domain name resource
    // as well as the API mapped to it, so the policy names each associated domain name next to
    // the APIs (the "specific APIs and domain resources" example of
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-vpc-endpoint-policies.html).
    // Naming the domain ARN, rather than any resource under an execute-api:viaDomainArn
    // condition, keeps the endpoint to the APIs it serves: an API mapped to the domain but not
    // served here stays out.
    const policy = new DataAwsIamPolicyDocument(this, 'policy', {
      statement: [
        {
          sid: 'InvokeServedApisOnly',
          effect: 'Allow',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['execute-api:Invoke'],
          // Resolved before de-duplicating: one API reaches here once per construct that serves
          // it (its PrivateRestApi, a PrivateCustomDomain mapping it), each with its own token.
          resources: Lazy.listValue({
            produce: (context) => [
              ...new Set(
                [...this.apis.map((arn) => `${arn}/*`), ...this.domains].map((arn) =>
                  String(context.resolve(arn)),
                ),
              ),
            ],
          }),
        },
      ],
    });
    new VpcEndpointPolicy(this, 'endpoint-policy', {
      vpcEndpointId: this.endpoint.endpointId,
      policy: policy.json,
    });
    this.node.addValidation({
      validate: () =>
        this.apis.length === 0
          ? [
              `NoApis: ExecuteApiEndpoint ${this.node.path} serves no API; associate it with a PrivateRestApi or call allowInvoke`,
            ]
          : [],
    });
  }

  get endpointId(): string {
    return this.endpoint.endpointId;
  }

  /** The endpoint's public DNS hostname: resolvable anywhere; send `x-apigw-api-id` or `Host`. */
  get publicDnsName(): string {
    return this.endpoint.resource.dnsEntry.get(0).dnsName;
  }

  allowInvoke(executionArn: string): void {
    if (!this.apis.includes(executionArn)) this.apis.push(executionArn);
  }

  allowInvokeDomain(domainArn: string): void {
    if (!this.domains.includes(domainArn)) this.domains.push(domainArn);
  }
}
