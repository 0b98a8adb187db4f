import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';
import type { Mode } from './mode';

/** Where a provider points: an account, a Region and, in deploy mode, the role to assume there. */
export interface AccountTarget {
  /** 12-digit account ID. In deploy mode the provider refuses to touch any other account. */
  readonly accountId: string;
  readonly region: string;
  /**
   * Role assumed in the account in deploy mode.
   * @default - no assume_role; the credential chain's own identity is used
   */
  readonly roleName?: string;
}

export interface AwsProviderFactoryProps {
  readonly target: AccountTarget;
  readonly mode: Mode;
  /** Tags put on every resource through the provider's default tags. */
  readonly tags: Record<string, string>;
  /**
   * Provider alias, for a second account or Region in one stack.
   * @default - the stack's default provider
   */
  readonly alias?: string;
}

/**
 * The one place that builds AWS providers. Offline: dummy keys and every skip flag, no
 * assume_role, so `terraform plan` runs without an AWS account. Deploy: the normal credential
 * chain, assume_role into the target account when a role is named, and allowed_account_ids so a
 * wrong profile cannot touch another account.
 */
export function createAwsProvider(
  scope: Construct,
  id: string,
  props: AwsProviderFactoryProps,
): AwsProvider {
  const { target, mode, tags, alias } = props;
  const common = { region: target.region, alias, defaultTags: [{ tags }] };
  if (mode === 'offline') {
    return new AwsProvider(scope, id, {
      ...common,
      accessKey: 'offline-plan-not-a-key',
      secretKey: 'offline-plan-not-a-secret',
      skipCredentialsValidation: true,
      skipRequestingAccountId: true,
      skipMetadataApiCheck: 'true',
      skipRegionValidation: true,
    });
  }
  return new AwsProvider(scope, id, {
    ...common,
    allowedAccountIds: [target.accountId],
    assumeRole: target.roleName
      ? [
          {
            roleArn: `arn:aws:iam::${target.accountId}:role/${target.roleName}`,
            sessionName: 'apigw-private-reference',
          },
        ]
      : undefined,
  });
}
