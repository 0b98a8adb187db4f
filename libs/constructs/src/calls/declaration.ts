/**
 * Documented calls as data. Each app declares, next to its config, the calls its README shows:
 * from where, through which DNS name, method, path, signed or anonymous, and the answer expected
 * (the backend that answers, or the step of the request path that refuses the call). The
 * request-path verifier (tools/calls) walks each call over the synthesized stacks, and the README
 * call blocks and the docs' sequence diagrams are drawn from the same declarations.
 *
 * Resources are named by construct path within the stack (`ec2-client`, `account-serviceA/app`),
 * since construct IDs are the stable part of every Terraform address.
 */

/** The steps of the request path, in the order a call meets them. */
export const CALL_STEPS = [
  'client',
  'dns',
  'network',
  'endpoint-sg',
  'endpoint-policy',
  'method',
  'authorizer',
  'resource-policy',
  'integration',
  'listener',
  'target-group',
  'target-sg',
  'backend-port',
] as const;
export type CallStep = (typeof CALL_STEPS)[number];

/** Where a call starts. */
export type CallSource =
  /** A client resource of the stack (EC2 instance, VPC Lambda function, Auto Scaling group). */
  | { readonly client: string }
  /** A host in a network outside the stack (on-premises), by its address as a /32 CIDR. */
  | { readonly cidr: string; readonly label: string }
  /** A client on the internet (public Regional APIs only). */
  | { readonly internet: true };

/** How the client names the API. */
export type CallDns =
  /** `{api-id}.execute-api.{region}.amazonaws.com`, resolved by the endpoint's private DNS. */
  | { readonly kind: 'private-dns' }
  /** The endpoint's own public DNS hostname, with the API named by `x-apigw-api-id` or Host. */
  | { readonly kind: 'endpoint-hostname'; readonly header: 'x-apigw-api-id' | 'Host' }
  /** The Route 53 alias `{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com`. */
  | { readonly kind: 'alias' }
  /** A custom domain name (private, or Regional behind a load balancer) and its base path. */
  | { readonly kind: 'custom-domain'; readonly name: string }
  /** The API's own public invoke URL (Regional REST or HTTP APIs). */
  | { readonly kind: 'public' }
  /** An AWS service's Regional name (`ssm.{region}.amazonaws.com`), e.g. an agent calling home. */
  | { readonly kind: 'aws-service'; readonly service: string };

/** What the call is expected to meet. */
export type CallExpectation =
  /** Answered by the backend whose construct path contains `backend`. */
  | { readonly backend: string }
  /** Refused at this step. */
  | { readonly refusedAt: CallStep };

export interface CallDeclaration {
  /** Short unique name within the app, e.g. `private-dns-from-ec2`. */
  readonly name: string;
  /** The stack ID (folder under cdktf.out/stacks). */
  readonly stack: string;
  /** One line for reports and READMEs. */
  readonly description: string;
  readonly from: CallSource;
  readonly dns: CallDns;
  /** Construct path of the API called (`api`, `private-api`); default: the only API of the stack. */
  readonly api?: string;
  /** Construct path of the execute-api endpoint used; default: the one the DNS option leads to. */
  readonly endpoint?: string;
  readonly method: string;
  /** Path after the stage (or after the custom domain's base path), starting with `/`. */
  readonly path: string;
  /** True for a SigV4-signed call; false for an anonymous one. */
  readonly signed: boolean;
  /** Extra headers, e.g. `Origin` for a CORS preflight or `Authorization` for a token. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly expect: CallExpectation;
}

/** The calls of one app, with the account of each provider of its stacks. */
export interface AppCalls {
  readonly app: string;
  /** Account IDs by provider key (`aws`, `aws.b`): resource ARNs in policies use them. */
  readonly accounts: Readonly<Record<string, string>>;
  /** Accounts of one stack's providers where they differ from `accounts`, by stack ID. */
  readonly stackAccounts?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly calls: readonly CallDeclaration[];
}
