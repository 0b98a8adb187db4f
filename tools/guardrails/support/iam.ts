import { PolicyLookup, policyOf } from '@apigw-private/tools/policy';
import type { Plan, PlanResource } from '../engine/plan';

/** An identity policy of the plan: who holds it, and its statements. */
export interface IdentityPolicy {
  /** The resource whose address findings name. */
  readonly holder: PlanResource;
  readonly lookup: PolicyLookup;
  /** `aws_iam_role_policy.x`, `inline_policy "name" of aws_iam_role.x`, for messages. */
  readonly label: string;
}

/** Resource types that hold identity policies (for the rules' documentation). */
export const IDENTITY_POLICY_TYPES = [
  'aws_iam_policy',
  'aws_iam_role_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
  'aws_iam_role',
] as const;

const POLICY_TYPES = [
  'aws_iam_policy',
  'aws_iam_role_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
] as const;

/** Every identity policy: policy resources, and inline_policy blocks of roles. */
export function identityPolicies(plan: Plan): readonly IdentityPolicy[] {
  const out: IdentityPolicy[] = [];
  for (const holder of plan.ofType(...POLICY_TYPES)) {
    out.push({ holder, lookup: policyOf(plan, holder, 'policy'), label: holder.address });
  }
  for (const role of plan.ofType('aws_iam_role')) {
    const inline = role.list('inline_policy');
    inline.forEach((_, i) => {
      const lookup = policyOf(plan, role, `inline_policy.${i}.policy`);
      if (lookup.kind === 'absent') return;
      out.push({
        holder: role,
        lookup,
        label: `inline_policy ${JSON.stringify(role.str(`inline_policy.${i}.name`) ?? String(i))} of ${role.address}`,
      });
    });
  }
  return out;
}

/** AWS managed policies that grant administrator or IAM-administrator power. */
export const ADMIN_EQUIVALENT_POLICIES: ReadonlySet<string> = new Set([
  'AdministratorAccess',
  'PowerUserAccess',
  'IAMFullAccess',
  'AWSOrganizationsFullAccess',
]);

/** Managed policy ARNs attached to users, groups and roles, with the resource that attaches each. */
export function managedPolicyAttachments(
  plan: Plan,
): readonly { readonly holder: PlanResource; readonly arn: string }[] {
  const out: { holder: PlanResource; arn: string }[] = [];
  for (const holder of plan.ofType(
    'aws_iam_role_policy_attachment',
    'aws_iam_user_policy_attachment',
    'aws_iam_group_policy_attachment',
    'aws_iam_policy_attachment',
  )) {
    const arn = holder.str('policy_arn');
    if (arn) out.push({ holder, arn });
  }
  for (const holder of plan.ofType('aws_iam_role', 'aws_iam_role_policy_attachments_exclusive')) {
    for (const arn of [...holder.strings('managed_policy_arns'), ...holder.strings('policy_arns')])
      out.push({ holder, arn });
  }
  return out;
}

/** `AdministratorAccess` for `arn:aws:iam::aws:policy/AdministratorAccess` (AWS managed only). */
export function awsManagedName(arn: string): string | undefined {
  return /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
}
