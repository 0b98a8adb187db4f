import type { PlanRule, Violation } from '../engine/rule';
import { readablePolicies, sourceDenies, sourceValueProblems } from '../support/rest-api';

export const restApiDenyOtherSources: PlanRule = {
  scope: 'plan',
  id: 'APIGW-PRIVATE-004',
  description:
    'A private REST API policy denies execute-api:Invoke when aws:SourceVpce (or aws:SourceVpc) does not match (StringNotEquals).',
  reason:
    'An explicit Deny on a source mismatch holds even if a later statement allows too much; it is the pattern AWS documents for private APIs.',
  level: 'error',
  anchors: [
    'checkov CKV_AWS_59',
    'KICS 6b2739db-9c49-4db7-b980-7816e0c248c1',
    'AWS docs: private API resource policy examples',
  ],
  resourceTypes: [
    'aws_api_gateway_rest_api',
    'aws_api_gateway_rest_api_policy',
    'data.aws_iam_policy_document',
  ],
  check(plan) {
    const out: Violation[] = [];
    const unreadable = {
      purpose: ' for a source Deny',
      fix: 'Build the policy with an aws_iam_policy_document data source, or suppress this rule with a reason.',
    };
    for (const { api, holder, lookup } of readablePolicies(plan, out, unreadable)) {
      const denies = sourceDenies(lookup.statements);
      const good = denies.filter((d) => sourceValueProblems(d.condition).length === 0);
      if (good.length > 0) continue;
      const problems = denies.flatMap((d) => sourceValueProblems(d.condition));
      out.push({
        address: holder.address,
        message:
          denies.length === 0
            ? `The resource policy of ${api.address} (${lookup.from}) has no Deny on execute-api:Invoke for principal * with StringNotEquals on aws:SourceVpce or aws:SourceVpc${lookup.incomplete ? ` (and part of it is unreadable: ${lookup.incomplete})` : ''}.`
            : `The resource policy of ${api.address} (${lookup.from}) has a source Deny, but ${problems.join('; ')}.`,
        fix: 'Add statement { effect = "Deny", principals { type = "*", identifiers = ["*"] }, actions = ["execute-api:Invoke"], resources = ["execute-api:/*"], condition { test = "StringNotEquals", variable = "aws:SourceVpce", values = [aws_vpc_endpoint.<name>.id] } }.',
      });
    }
    return out;
  },
};
