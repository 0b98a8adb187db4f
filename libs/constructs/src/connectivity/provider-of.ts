import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { IConstruct } from 'constructs';
import { AccountScope } from '../app/account-scope';
import { ReferenceStack } from '../app/reference-stack';

/**
 * The provider of the account and Region a construct deploys into: its nearest AccountScope's,
 * else its stack's default provider. Constructs that span two accounts (a peering connection, a
 * shared Transit Gateway, an endpoint service and its consumers) pin each resource to the
 * provider of the side it belongs to, so they work wherever the construct itself is placed.
 */
export function providerOf(construct: IConstruct): AwsProvider {
  for (const node of [...construct.node.scopes].reverse()) {
    if (node instanceof AccountScope) return node.provider;
    if (node instanceof ReferenceStack) return node.provider;
  }
  throw new Error(`${construct.node.path} is not inside a ReferenceStack`);
}
