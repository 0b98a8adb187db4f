import type { PlanRule, Violation } from '../engine/rule';
import {
  conditionIsVacuous,
  describeStatement,
  privateApis,
  publicAllows,
  restApiPolicy,
} from '../support/rest-api';

export const restApiNoOpenAllow: PlanRule = {
  scope: 'plan',
  id: 'APIGW-PRIVATE-003',
  description:
    'A private REST API policy never allows execute-api:Invoke to principal * without a condition.',
  reason:
    'An unconditional Allow for everyone lets any caller that reaches any execute-api endpoint (in any account) invoke the API; the condition is what ties access to your endpoints or VPCs.',
  level: 'error',
  anchors: ['checkov CKV_AWS_59', 'cdk-nag AwsSolutions-APIG4'],
  resourceTypes: [
    'aws_api_gateway_rest_api',
    'aws_api_gateway_rest_api_policy',
    'data.aws_iam_policy_document',
  ],
  check(plan) {
    const out: Violation[] = [];
    for (const api of privateApis(plan)) {
      const { lookup, holder } = restApiPolicy(plan, api);
      if (lookup.kind === 'absent') continue;
      if (lookup.kind === 'opaque') {
        out.push({
          address: holder.address,
          message: `The resource policy of ${api.address} (${lookup.from}) cannot be checked: ${lookup.reason}.`,
          fix: 'Build the policy with an aws_iam_policy_document data source (its statements are readable at plan time even when values are not), or suppress this rule with a reason.',
        });
        continue;
      }
      lookup.statements.forEach((statement, index) => {
        if (!publicAllows([statement]).includes(statement) || !conditionIsVacuous(statement))
          return;
        out.push({
          address: holder.address,
          message: `The resource policy of ${api.address} (${lookup.from}): ${describeStatement(statement, index)} has no condition; an Allow for * must be conditioned.`,
          fix: 'Add condition { test = "StringEquals", variable = "aws:SourceVpce", values = [<endpoint ids>] } (or aws:SourceVpc), or name the allowed principals.',
        });
      });
      if (lookup.incomplete) {
        out.push({
          address: holder.address,
          message: `The resource policy of ${api.address} (${lookup.from}) is only partly readable at plan time: ${lookup.incomplete}; an open Allow cannot be ruled out.`,
          fix: 'Give the policy document static statement blocks (values may still be unknown), or suppress this rule with a reason.',
        });
      }
    }
    return out;
  },
};
