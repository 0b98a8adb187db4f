import { z } from 'zod';
import {
  accountId,
  backendSchema,
  region,
  roleName,
} from '@apigw-private/constructs/config/schema';

/** One account and Region whose API Gateway settings this app owns. */
const targetSchema = z.strictObject({
  accountId: accountId(),
  region: region(),
  /** IAM role assumed in the account in deploy mode; leave out to use your own identity. */
  roleName: roleName().optional(),
});
export type AccountSettingsTarget = z.output<typeof targetSchema>;

/**
 * Every account and Region in which the reference apps' default configs run a REST API stage:
 * basic, ecs-private, on-premises, cross-account account A and multi-region east share
 * 111111111111/us-east-1; multi-region west is 111111111111/us-west-2; cross-account's account B
 * and central account are 222222222222 and 333333333333.
 */
export const DEFAULT_TARGETS: readonly AccountSettingsTarget[] = [
  { accountId: '111111111111', region: 'us-east-1' },
  { accountId: '111111111111', region: 'us-west-2' },
  { accountId: '222222222222', region: 'us-east-1' },
  { accountId: '333333333333', region: 'us-east-1' },
];

/** Stack ID of a target (part of the contract: state key and cdktf.out/stacks/<id>). */
export function stackIdOf(target: AccountSettingsTarget): string {
  return `account-settings-${target.accountId}-${target.region}`;
}

/**
 * Config of apps/account-settings: the accounts and Regions whose API Gateway CloudWatch role
 * it sets, one stack each. List every account and Region where you deploy a reference app; the
 * defaults match the apps' default configs. Override with a JSON file (APIGW_CONFIG_FILE or
 * apps/account-settings/config.local.json) or `APIGW__targets='[{"accountId": ..., "region": ...}]'`.
 */
export const accountSettingsConfigSchema = z
  .strictObject({
    targets: z
      .array(targetSchema)
      .min(1)
      .default(() => DEFAULT_TARGETS.map((t) => ({ ...t }))),
    /** S3 backend for deploy mode. */
    backend: backendSchema.optional(),
  })
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    config.targets.forEach((target, i) => {
      const key = stackIdOf(target);
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['targets', i],
          message: `must differ from targets[${first}]: an account and Region has one owner of its API Gateway settings`,
          params: { code: 'DuplicateTarget' },
          input: `${target.accountId}/${target.region}`,
        });
      }
      seen.set(key, first ?? i);
    });
  });

export type AccountSettingsConfig = z.output<typeof accountSettingsConfigSchema>;
