import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Aspects, IAspect, TerraformDataSource, TerraformResource, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import type { AccountTarget } from '../providers/aws';
import { ReferenceStack } from './reference-stack';

class UseProvider implements IAspect {
  constructor(private readonly provider: AwsProvider) {}

  visit(node: IConstruct): void {
    if (
      (node instanceof TerraformResource || node instanceof TerraformDataSource) &&
      !node.provider
    ) {
      node.provider = this.provider;
    }
  }
}

export interface AccountScopeProps {
  /** Provider alias, unique in the stack, e.g. `consumer` or `secondary`. */
  readonly alias: string;
  readonly target: AccountTarget;
}

/**
 * Everything built inside this scope lands in another account or Region of the same stack: the
 * scope gets its own aliased provider from the provider factory, and every resource and data
 * source under it uses that provider. Constructs read their account and Region with `targetOf`.
 */
export class AccountScope extends Construct {
  readonly target: AccountTarget;
  readonly provider: AwsProvider;

  constructor(scope: Construct, id: string, props: AccountScopeProps) {
    super(scope, id);
    this.target = props.target;
    const stack = TerraformStack.of(this);
    if (!(stack instanceof ReferenceStack)) {
      throw new Error(`AccountScope ${this.node.path} must be inside a ReferenceStack`);
    }
    this.provider = stack.addProvider(props.alias, props.target);
    Aspects.of(this).add(new UseProvider(this.provider));
  }
}

/** The account and Region a construct deploys into: its nearest AccountScope, else its stack's. */
export function targetOf(construct: IConstruct): AccountTarget {
  for (const node of [...construct.node.scopes].reverse()) {
    if (node instanceof AccountScope) return node.target;
    if (node instanceof ReferenceStack) return node.target;
  }
  throw new Error(`${construct.node.path} is not inside a ReferenceStack`);
}
