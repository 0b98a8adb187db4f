import {
  expandExecuteApiShorthand,
  FOREIGN,
  placeholderFor,
  Probe,
  whereaboutsOf,
} from '@apigw-private/tools/policy';
import type { PlanRule, Violation } from '../engine/rule';
import { breachOf, evaluable, evaluationNote } from '../support/evaluation';
import { privateApis, restApiPolicy } from '../support/rest-api';

/** Paths no method of a real API is likely to be narrowed to: the caller picks where to call. */
const PROBE_PATH = 'GET/guardrails-probe';

export const restApiNoOpenAllow: PlanRule = {
  scope: 'plan',
  id: 'APIGW-PRIVATE-003',
  description:
    'A private REST API policy, judged by its effect, lets no caller invoke the API through a VPC endpoint that is not its own.',
  reason:
    'Any account can create an execute-api endpoint; a policy whose Allow rests on a condition the caller controls (aws:SecureTransport, aws:SourceIp), or whose Deny misses the path the caller picks, lets callers from other VPCs and accounts in. The policy is evaluated by an IAM evaluator for an anonymous caller and a role of another account coming through a foreign endpoint.',
  level: 'error',
  anchors: ['checkov CKV_AWS_59', 'cdk-nag AwsSolutions-APIG4'],
  resourceTypes: [
    'aws_api_gateway_rest_api',
    'aws_api_gateway_rest_api_policy',
    'data.aws_iam_policy_document',
  ],
  async check(plan) {
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
      const where = whereaboutsOf(plan, api);
      const executionArn =
        placeholderFor(
          plan,
          { address: api.baseAddress, attribute: 'execution_arn', resolved: true },
          where,
        ) ?? `arn:${where.partition}:execute-api:${where.region}:${where.account}:api`;
      const policy = evaluable(plan, lookup, holder.address, where);
      if (!policy) continue;
      const stages = plan
        .referrers(api, 'aws_api_gateway_stage', 'rest_api_id')
        .map((s) => s.str('stage_name'))
        .filter((s): s is string => s !== undefined);
      const context = { 'aws:SourceVpce': FOREIGN.endpoint, 'aws:SourceVpc': FOREIGN.vpc };
      const probes: Probe[] = [stages[0] ?? 'prod'].flatMap((stage) =>
        [
          'anonymous',
          `arn:${where.partition}:iam::${FOREIGN.account(where.account)}:role/outsider`,
        ].map((caller) => ({
          caller,
          action: 'execute-api:Invoke',
          resource: `${executionArn}/${stage}/${PROBE_PATH}`,
          resourceAccount: where.account,
          context,
        })),
      );
      const found = await breachOf(probes, {
        resourcePolicy: {
          name: policy.policy.name,
          policy: expandExecuteApiShorthand(policy.policy.policy, executionArn),
        },
      });
      if (found) {
        out.push({
          address: holder.address,
          message: `The resource policy of ${api.address} (${lookup.from}) lets callers in through an endpoint that is not the API's: ${found.text}${evaluationNote(policy)}.`,
          fix: 'Allow execute-api:Invoke only with condition StringEquals aws:SourceVpce = [your endpoint ids] (or aws:SourceVpc), and Deny it for principal * when aws:SourceVpce does not match (StringNotEquals) on execute-api:/*.',
        });
      } else if (lookup.incomplete) {
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
