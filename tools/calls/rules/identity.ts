/**
 * Who signs a call. A client resource signs with its IAM role (a Lambda function's execution role,
 * an instance's profile role), whose policies are evaluated with the API's resource policy: in
 * the same account either may allow the call; across accounts both must.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 */
import type { CallDeclaration } from '@apigw-private/constructs/calls/declaration';
import type { NamedPolicy } from '@apigw-private/tools/policy';
import type { PlanResource } from '@apigw-private/tools/tfjson';
import type { StackView } from '../stack';
import type { Walk } from '../walk-state';
import type { Place } from './endpoints';
import { documentOf } from './policies';

export interface Signer {
  /** `anonymous`, or the signer's ARN. */
  readonly caller: string;
  /** The signer's identity policies read from the stack; undefined when it has no role here. */
  readonly policies?: readonly NamedPolicy[];
  /** Attachments whose policies the stack does not hold (AWS managed policies). */
  readonly unreadable: readonly string[];
}

function roleOf(view: StackView, client: PlanResource): PlanResource | undefined {
  if (client.type === 'aws_lambda_function') return view.refs(client, 'role', ['aws_iam_role'])[0];
  const template = view.refs(client, 'launch_template.0.id', ['aws_launch_template'])[0];
  const profiles = [
    ...view.refs(client, 'iam_instance_profile', ['aws_iam_instance_profile']),
    ...(template
      ? [
          ...view.refs(template, 'iam_instance_profile.0.arn', ['aws_iam_instance_profile']),
          ...view.refs(template, 'iam_instance_profile.0.name', ['aws_iam_instance_profile']),
        ]
      : []),
  ];
  return profiles.flatMap((p) => view.refs(p, 'role', ['aws_iam_role']))[0];
}

export function signerOf(walk: Walk, call: CallDeclaration, source: Place): Signer {
  if (!call.signed) return { caller: 'anonymous', unreadable: [] };
  const view = walk.view;
  const [client] = view.plan.instances(source.address);
  const role = client ? roleOf(view, client) : undefined;
  if (!client || !role) {
    const anyApi = view.find(['aws_api_gateway_rest_api', 'aws_apigatewayv2_api'])[0];
    const account = view.account(client ?? anyApi ?? view.plan.resources[0]);
    return { caller: `arn:aws:iam::${account}:role/caller`, unreadable: [] };
  }
  const policies: NamedPolicy[] = [];
  const unreadable: string[] = [];
  for (const inline of view
    .find('aws_iam_role_policy')
    .filter((p) => view.refs(p, 'role').includes(role))) {
    const policy = documentOf(walk, 'resource-policy', inline, 'policy');
    if (policy) policies.push(policy);
  }
  for (const attachment of view
    .find('aws_iam_role_policy_attachment')
    .filter((a) => view.refs(a, 'role').includes(role))) {
    const managed = view.refs(attachment, 'policy_arn', ['aws_iam_policy'])[0];
    const policy = managed ? documentOf(walk, 'resource-policy', managed, 'policy') : undefined;
    if (policy) policies.push(policy);
    else
      unreadable.push(
        `${attachment.address} (${attachment.str('policy_arn') ?? 'a policy outside the stack'})`,
      );
  }
  const name = role.str('name') ?? role.name;
  return { caller: `arn:aws:iam::${view.account(role)}:role/${name}`, policies, unreadable };
}
