import { FOREIGN, policyOf, Probe, whereaboutsOf } from '@apigw-private/tools/policy';
import type { PlanRule, Violation } from '../engine/rule';
import { breachOf, evaluable, evaluationNote } from '../support/evaluation';
import {
  awsServiceOf,
  endpointPolicyHolders,
  probesFor,
  serviceNameOf,
} from '../support/endpoint-services';

/**
 * The policy AWS attaches when none is given: full access for everyone.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html#default-endpoint-policy
 */
const DEFAULT_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
};

export const vpceEndpointPolicy: PlanRule = {
  scope: 'plan',
  id: 'VPCE-001',
  description:
    'Every VPC endpoint of an AWS service (interface and gateway) has a policy that, judged by its effect, lets no principal outside the account reach anything through it, and no one reach resources of other accounts.',
  reason:
    'An endpoint without a policy gets full access: any principal, any action, any resource of any account, which makes the endpoint a path to move data out of the VPC to another account. The policy is evaluated for a role of this account, a role of another account and an anonymous caller, each acting on resources of another account.',
  level: 'error',
  anchors: ['AWS docs: control access to VPC endpoints using endpoint policies'],
  resourceTypes: ['aws_vpc_endpoint', 'aws_vpc_endpoint_policy', 'data.aws_iam_policy_document'],
  async check(plan) {
    const out: Violation[] = [];
    for (const endpoint of plan.ofType('aws_vpc_endpoint')) {
      const serviceName = serviceNameOf(endpoint);
      // Endpoints of endpoint services other than AWS services always allow full access; the
      // service's allowed principals decide who connects. Same page as DEFAULT_POLICY.
      const service = serviceName === undefined ? undefined : awsServiceOf(serviceName);
      if (service === undefined) continue;
      const where = whereaboutsOf(plan, endpoint);
      const probes = probesFor(service, where.region, FOREIGN.account(where.account));
      if (!probes) {
        out.push({
          address: endpoint.address,
          message: `The endpoint policy of ${endpoint.address} (service ${serviceName}) cannot be judged: the guardrails have no probe for service ${service}.`,
          fix: 'Add the service to tools/guardrails/support/endpoint-services.ts, or suppress this rule with a reason.',
        });
        continue;
      }
      const callers = [
        `arn:${where.partition}:iam::${where.account}:role/insider`,
        `arn:${where.partition}:iam::${FOREIGN.account(where.account)}:role/outsider`,
        'anonymous',
      ];
      // An action that takes no resource ARN can only be narrowed by who calls it.
      const questions: Probe[] = probes.flatMap((p) =>
        (p.resource === '*' ? callers.slice(1) : callers).map((caller) => ({
          caller,
          action: p.action,
          resource: p.resource,
          resourceAccount: p.resource === '*' ? where.account : FOREIGN.account(where.account),
        })),
      );
      const holders = endpointPolicyHolders(plan, endpoint);
      if (holders.length === 0) {
        const found = await breachOf(questions, {
          endpointPolicies: [{ name: 'default endpoint policy', policy: DEFAULT_POLICY }],
        });
        out.push({
          address: endpoint.address,
          message: `${endpoint.address} (service ${serviceName}) has no endpoint policy, so AWS attaches full access: ${found?.text ?? 'every principal may take every action'}.`,
          fix: "Set policy (or add an aws_vpc_endpoint_policy) allowing only the actions this VPC needs on this account's resources, with condition StringEquals aws:PrincipalAccount = [your account].",
        });
        continue;
      }
      for (const holder of holders) {
        const lookup = policyOf(plan, holder, 'policy');
        if (lookup.kind === 'absent') continue;
        if (lookup.kind === 'opaque') {
          out.push({
            address: holder.address,
            message: `The endpoint policy of ${endpoint.address} (${lookup.from}) cannot be checked: ${lookup.reason}.`,
            fix: 'Build the policy with an aws_iam_policy_document data source, or suppress this rule with a reason.',
          });
          continue;
        }
        const policy = evaluable(plan, lookup, holder.address, where);
        if (!policy) continue;
        const found = await breachOf(questions, { endpointPolicies: [policy.policy] });
        if (!found) continue;
        out.push({
          address: holder.address,
          message: `The endpoint policy of ${endpoint.address} (service ${serviceName}, ${lookup.from}) is wider than this account: ${found.text}${evaluationNote(policy)}.`,
          fix: "Allow only the actions this VPC needs on this account's resources (or the AWS-owned resources the service documents), with condition StringEquals aws:PrincipalAccount = [your account].",
        });
      }
    }
    return out;
  },
};
