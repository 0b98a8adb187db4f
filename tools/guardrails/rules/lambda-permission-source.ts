import type { PlanRule, Violation } from '../engine/rule';

/**
 * A service principal without source_arn/source_account lets any resource of that service, in
 * any account, invoke the function:
 * https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
 */
/** A principal of every account: `*`, or an AWS service that acts for any customer. */
function isOpenPrincipal(principal: string): boolean {
  return principal === '*' || principal.endsWith('.amazonaws.com');
}

export const lambdaPermissionSource: PlanRule = {
  scope: 'plan',
  id: 'LAMBDA-001',
  description:
    'A Lambda permission for principal `*` or an AWS service names the caller: source_arn or source_account (or principal_org_id for `*`).',
  reason:
    "Without a source, any account (or any customer's API, bucket or rule of that service) may invoke the function: the resource policy is the only check on who calls it.",
  level: 'error',
  anchors: ['checkov CKV_AWS_364', 'checkov CKV_AWS_301', 'AWS Security Hub Lambda.1'],
  resourceTypes: ['aws_lambda_permission'],
  check(plan) {
    const out: Violation[] = [];
    for (const permission of plan.ofType('aws_lambda_permission')) {
      const principal = permission.str('principal');
      if (principal === undefined || !isOpenPrincipal(principal)) continue;
      const named = [
        'source_arn',
        'source_account',
        ...(principal === '*' ? ['principal_org_id'] : []),
      ];
      if (named.some((attribute) => permission.isConfigured(attribute))) continue;
      out.push({
        address: permission.address,
        message: `Lambda permission ${permission.address} lets principal ${principal} invoke ${permission.str('function_name') ?? 'the function'} with no source_arn or source_account${principal === '*' ? ' or principal_org_id' : ''}: every account can call it.`,
        fix: 'Set source_arn (e.g. "${aws_api_gateway_rest_api.x.execution_arn}/*/*") or source_account, or name an account as the principal.',
      });
    }
    return out;
  },
};
