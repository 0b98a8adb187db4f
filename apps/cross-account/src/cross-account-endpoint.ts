import type { Construct } from 'constructs';
import { CrossAccountStack, CrossAccountStackProps, targetFor } from './common';
import { STACKS } from './config';

/**
 * Variant 3: no front door. Clients in account A call account B's private API through an
 * execute-api endpoint in A's own VPC. B's resource policy allows that endpoint and account A's
 * principals only (methods use IAM authorization, so A's callers sign with SigV4); the endpoint
 * policy in A allows invoking B's API only. Endpoint and API must share a Region (the config
 * refuses another one). B needs no VPC at all.
 */
export class CrossAccountEndpointStack extends CrossAccountStack {
  constructor(scope: Construct, props: CrossAccountStackProps) {
    super(scope, STACKS.crossAccountEndpoint, 'a', props, 'cross-account-endpoint');
    const { config } = this;
    const networkA = this.networkFor('a');
    const endpoint = this.executeApiEndpoint('a', networkA, [networkA.cidr]);
    const accountA = targetFor(config, 'a').accountId;
    const api = this.privateApi({
      account: 'b',
      endpoints: [endpoint],
      principals: [`arn:aws:iam::${accountA}:root`],
      authorization: 'AWS_IAM',
    });
    this.lambdaClient({
      network: networkA,
      api,
      endpoint,
      signRequests: true,
      usage: 'Invoke with {"dns": "private" | "alias" | "endpoint"} (README.md)',
    });
    this.output('private-api-id', api.id, 'The private API in account B');
    this.output(
      'invoke-url-private-dns',
      `${api.privateDnsUrl}/hello`,
      "From account A's VPC (private DNS on the endpoint), signed with SigV4",
    );
    this.output(
      'invoke-url-route53-alias',
      `${api.aliasUrl(endpoint)}/hello`,
      'Endpoint-specific name, resolvable anywhere, answered only through the endpoint',
    );
    this.output(
      'execute-api-endpoint-id',
      endpoint.endpointId,
      "Account A's endpoint, the only source B's policy allows",
    );
  }
}
