// Destroy must leave nothing behind. API Gateway's account settings are not resources: AWS has
// no call that deletes them, only one that changes them, so a stack that sets one leaves it set
// when it is destroyed, in AWS as in the emulator. Each setting a destroy may leave changed is
// declared here with the resource type that sets it and the pages that say so; the report lists
// every use. A changed setting that no resource of the stack explains fails the destroy.

import type { Plan } from '@apigw-private/tools/tfjson';

export interface KeptSetting {
  /** Inventory kind, as moto/inventory.py names it, e.g. `apigateway:cloudwatch-role-arn`. */
  readonly kind: string;
  /** The resource type whose destroy leaves the setting as it was. */
  readonly setBy: string;
  /** Why AWS keeps it, and how to clear it by hand. */
  readonly reason: string;
  readonly references: readonly string[];
}

export const KEPT_SETTINGS: readonly KeptSetting[] = [
  {
    kind: 'apigateway:cloudwatch-role-arn',
    setBy: 'aws_api_gateway_account',
    reason:
      'the account keeps its API Gateway CloudWatch role after the stack that set it is destroyed: ' +
      'provider 5.100.0 resets it only with reset_on_delete, which is deprecated (a plan warning); ' +
      'clear it with `aws apigateway update-account --patch-operations op=replace,path=/cloudwatchRoleArn`',
    references: [
      'https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/api_gateway_account',
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-account.html',
      'https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateAccount.html',
    ],
  },
];

export interface KeptSettingUse {
  /** `account/region kind:value`, as the inventory lists it. */
  readonly setting: string;
  readonly reason: string;
}

const kindOf = (item: string) => {
  const entry = item.slice(item.indexOf(' ') + 1);
  const second = entry.indexOf(':', entry.indexOf(':') + 1);
  return second < 0 ? entry : entry.slice(0, second);
};

/**
 * Settings present after destroy that were not there before apply: kept when a declared entry
 * covers the kind and the stack declares the resource type that sets it, unexplained otherwise.
 */
export function judgeSettings(
  before: readonly string[],
  after: readonly string[],
  resourceTypes: ReadonlySet<string>,
  declared: readonly KeptSetting[] = KEPT_SETTINGS,
): { kept: KeptSettingUse[]; unexplained: string[] } {
  const known = new Set(before);
  const kept: KeptSettingUse[] = [];
  const unexplained: string[] = [];
  for (const setting of after.filter((s) => !known.has(s))) {
    const entry = declared.find((d) => d.kind === kindOf(setting) && resourceTypes.has(d.setBy));
    if (entry) kept.push({ setting, reason: entry.reason });
    else unexplained.push(setting);
  }
  return { kept, unexplained };
}

/** The managed resource types a stack declares. */
export function resourceTypesOf(stack: Plan): Set<string> {
  return new Set(stack.resources.filter((r) => r.mode === 'managed').map((r) => r.type));
}
