import { isWildcardOnlyAction } from '@cloud-copilot/iam-simulate';

/**
 * Whether an action's permissions can name a resource: false for actions that take only
 * `"Resource": "*"` (ecr:GetAuthorizationToken, ec2:DescribeNetworkInterfaces), true for the
 * others, undefined for an action the IAM data does not know (a typo, or a pattern).
 * From the Service Authorization Reference that the evaluator ships:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export async function takesResource(action: string): Promise<boolean | undefined> {
  const [service, name] = action.split(':');
  if (!service || !name || /[*?]/.test(action)) return undefined;
  try {
    return !(await isWildcardOnlyAction(service.toLowerCase(), name));
  } catch {
    return undefined;
  }
}
