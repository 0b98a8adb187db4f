import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Construct } from 'constructs';
import { Problems } from '../errors';
import type { IExecuteApiEndpoint } from '../endpoints/execute-api-endpoint';

/** Which network source a private API accepts calls from. */
export type PolicySource =
  | { readonly kind: 'endpoints'; readonly endpoints: readonly IExecuteApiEndpoint[] }
  | { readonly kind: 'vpcs'; readonly vpcIds: readonly string[] };

export interface ResourcePolicyOptions {
  /**
   * Principals allowed to invoke, as IAM principal ARNs (e.g. another account's root) when the
   * API uses IAM authorization across accounts.
   * @default - any principal ('*'); the source condition and the API's authorization still apply
   */
  readonly principals?: readonly string[];
}

/**
 * The resource policy a private REST API must have. It allows `execute-api:Invoke` only with an
 * `aws:SourceVpce` (or `aws:SourceVpc`) condition and adds the matching explicit Deny for every
 * other source, so a later, broader Allow cannot open the API. Resources use the relative
 * `execute-api:/*` form, which API Gateway expands to the API's own ARN.
 */
export class ResourcePolicy {
  /** Allow calls that arrive through these execute-api endpoints only. */
  static fromEndpoints(
    endpoints: readonly IExecuteApiEndpoint[],
    options: ResourcePolicyOptions = {},
  ): ResourcePolicy {
    return new ResourcePolicy({ kind: 'endpoints', endpoints }, options);
  }

  /** Allow calls from these VPCs (through any endpoint in them) only. */
  static fromVpcs(vpcIds: readonly string[], options: ResourcePolicyOptions = {}): ResourcePolicy {
    return new ResourcePolicy({ kind: 'vpcs', vpcIds }, options);
  }

  private constructor(
    readonly source: PolicySource,
    readonly options: ResourcePolicyOptions,
  ) {}

  get conditionKey(): 'aws:SourceVpce' | 'aws:SourceVpc' {
    return this.source.kind === 'endpoints' ? 'aws:SourceVpce' : 'aws:SourceVpc';
  }

  get values(): string[] {
    return this.source.kind === 'endpoints'
      ? this.source.endpoints.map((e) => e.endpointId)
      : [...this.source.vpcIds];
  }

  /** Problems with this policy, reported under `path`. */
  problems(path: string): Problems {
    const problems = new Problems('ResourcePolicy');
    problems.check(
      this.values.length > 0,
      'EmptyResourcePolicy',
      `${path}.${this.source.kind}`,
      this.values,
      'must name at least one execute-api endpoint or VPC that may invoke the API',
    );
    problems.checkEach(
      this.options.principals ?? [],
      (principal) => principal !== '*' && /^arn:aws[\w-]*:iam::\d{12}:/.test(principal),
      'InvalidPrincipal',
      `${path}.principals`,
      'must be an IAM principal ARN (arn:aws:iam::<12 digits>:...); leave principals out to allow any principal',
    );
    return problems;
  }

  /** Renders the policy as a policy-document data source (computed locally, no AWS call). */
  render(scope: Construct, id: string): DataAwsIamPolicyDocument {
    const principals = this.options.principals?.length ? [...this.options.principals] : ['*'];
    return new DataAwsIamPolicyDocument(scope, id, {
      statement: [
        {
          sid: 'AllowInvokeFromAllowedSource',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: principals }],
          actions: ['execute-api:Invoke'],
          resources: ['execute-api:/*'],
          condition: [{ test: 'StringEquals', variable: this.conditionKey, values: this.values }],
        },
        {
          sid: 'DenyInvokeFromAnyOtherSource',
          effect: 'Deny',
          principals: [{ type: 'AWS', identifiers: ['*'] }],
          actions: ['execute-api:Invoke'],
          resources: ['execute-api:/*'],
          condition: [
            { test: 'StringNotEquals', variable: this.conditionKey, values: this.values },
          ],
        },
      ],
    });
  }
}
