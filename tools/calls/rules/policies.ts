/**
 * Authorization steps, judged by @cloud-copilot/iam-simulate through tools/policy; no policy
 * logic lives here, only the question: who calls (anonymous when unsigned, the signer otherwise),
 * which resource ARN, and the request context.
 * - The VPC endpoint policy is evaluated first, then the API's resource policy; an unsigned call
 *   is evaluated as an anonymous principal.
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-vpc-endpoint-policies.html
 * - An endpoint without a policy of its own has the default policy, which allows everything.
 *   https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
 * - The resource ARN of a call is `arn:aws:execute-api:{region}:{account}:{api-id}/{stage}/{METHOD}/{path}`,
 *   and `execute-api:/` in a resource policy stands for the API's own ARN.
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-using-iam-policies-to-invoke-api.html
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html
 * - A signed caller's identity policies are those of its role in the stack (identity.ts); a caller
 *   the stack has no role for (a host's address) is taken as allowed by its own IAM, so a
 *   same-account caller passes a resource policy that is silent about it and is stopped by an
 *   explicit Deny. https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html
 * - A call through a private custom domain name is authorized on the domain name
 *   (`arn:aws:execute-api:{region}:{account}:/domainnames/{name}+{domain-name-id}`) as well as on the
 *   mapped API, with `execute-api:viaDomainArn` set to the domain name's ARN.
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains.html
 */
import type { CallStep } from '@apigw-private/constructs/calls/declaration';
import {
  evaluateAccess,
  NamedPolicy,
  PolicyDocument,
  policyOf,
  toPolicyDocument,
} from '@apigw-private/tools/policy';
import type { PlanResource } from '@apigw-private/tools/tfjson';
import type { StackView } from '../stack';
import type { Walk } from '../walk-state';

/** What one authorization question asks. */
export interface Question {
  /** `anonymous`, or the signer's ARN. */
  readonly caller: string;
  readonly resource: string;
  readonly resourceAccount: string;
  readonly context: Readonly<Record<string, string>>;
  /** The signer's identity policies, when the stack holds its role (see identity.ts). */
  readonly identity?: readonly NamedPolicy[];
  /** The signer's policies the stack does not hold. */
  readonly unreadable?: readonly string[];
}

/** Stand-ins for the policies a step does not judge, so that only the judged one decides. */
const ALLOW_ALL: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
};
const IDENTITY_ALLOW_ALL: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

/** The policy document a resource holds at `attribute`, with `execute-api:/` made concrete. */
export function documentOf(
  walk: Walk,
  step: CallStep,
  holder: PlanResource,
  attribute: string,
  selfArn?: string,
): NamedPolicy | undefined {
  const view = walk.view;
  const lookup = policyOf(view.plan, holder, attribute);
  if (lookup.kind === 'absent') return undefined;
  if (lookup.kind === 'opaque')
    return walk.unknown(step, holder.address, `its ${attribute}: ${lookup.reason}`);
  const { policy, unresolved } = toPolicyDocument(lookup, view.placeholder);
  if (unresolved.length > 0)
    walk.unknown(step, holder.address, `its ${attribute} uses ${unresolved.join(', ')}`);
  const expand = (value: unknown): unknown =>
    typeof value === 'string' && selfArn && value.startsWith('execute-api:/')
      ? value === 'execute-api:/*' && selfArn.includes('/domainnames/')
        ? selfArn
        : `${selfArn}${value.slice('execute-api:'.length)}`
      : Array.isArray(value)
        ? value.map(expand)
        : value;
  const statements = policy.Statement.map((s) => ({
    ...s,
    ...(s.Resource !== undefined ? { Resource: expand(s.Resource) } : {}),
    ...(s.NotResource !== undefined ? { NotResource: expand(s.NotResource) } : {}),
  }));
  return { name: holder.address, policy: { ...policy, Statement: statements } };
}

/** The endpoint's policy: an aws_vpc_endpoint_policy, its own `policy`, or the default. */
export function endpointPolicy(walk: Walk, endpoint: PlanResource): NamedPolicy | undefined {
  const view: StackView = walk.view;
  const holder = view
    .find('aws_vpc_endpoint_policy')
    .find((p) => view.links(p, 'vpc_endpoint_id', endpoint));
  if (holder) return documentOf(walk, 'endpoint-policy', holder, 'policy');
  return documentOf(walk, 'endpoint-policy', endpoint, 'policy');
}

/**
 * The resource ARN put to the evaluator. A call to the root resource has the ARN
 * `.../{stage}/{METHOD}/` with an empty path, which the evaluator's resource pattern for
 * execute-api (a non-empty path) refuses; it is asked as `.../{stage}/{METHOD}/-`, which every
 * pattern ending in `/*` matches as the empty path does. Only a policy naming the empty path
 * exactly would be judged differently.
 */
function asked(resource: string): string {
  return /\/[A-Z]+\/$/.test(resource) ? `${resource}-` : resource;
}

/** Asks whether `policy` (an endpoint's or a resource's) lets the question through. */
export async function authorize(
  walk: Walk,
  step: 'endpoint-policy' | 'resource-policy',
  policy: NamedPolicy | undefined,
  holder: string,
  question: Question,
): Promise<void> {
  if (!policy) {
    if (step === 'endpoint-policy') {
      walk.pass(
        step,
        holder,
        `${holder} has the default endpoint policy (full access)`,
        'endpoint',
        'endpoint',
      );
      return;
    }
    walk.fail(
      step,
      holder,
      `${holder} has no resource policy; a private API refuses every call without one`,
    );
  }
  const signed = question.caller !== 'anonymous';
  const stand = (name: string): NamedPolicy => ({ name, policy: ALLOW_ALL });
  const signer: NamedPolicy = { name: 'signer', policy: IDENTITY_ALLOW_ALL };
  let answer: Awaited<ReturnType<typeof evaluateAccess>>;
  try {
    answer = await evaluateAccess(
      {
        caller: question.caller,
        action: 'execute-api:Invoke',
        resource: asked(question.resource),
        resourceAccount: question.resourceAccount,
        context: question.context,
      },
      step === 'endpoint-policy'
        ? {
            resourcePolicy: stand('other policies'),
            endpointPolicies: [policy],
            identityPolicies: signed ? [signer] : [],
          }
        : {
            resourcePolicy: policy,
            identityPolicies: signed ? [...(question.identity ?? [signer])] : [],
          },
    );
  } catch (error) {
    return walk.unknown(step, policy.name, (error as Error).message);
  }
  const who = signed ? `signed by ${question.caller}` : 'anonymous';
  const byIdentity = answer.denials.find((d) => d.policy === 'identity' && !d.explicit);
  if (!answer.allowed && byIdentity && step === 'resource-policy' && question.unreadable?.length)
    walk.unknown(
      step,
      question.unreadable[0],
      `no readable policy of the signer allows execute-api:Invoke on ${question.resource}, and ${question.unreadable.join(', ')} cannot be read from the stack`,
    );
  // The evaluator does not always name the identity policy: the signer's role policies are it.
  const identityName = byIdentity?.name ?? question.identity?.map((p) => p.name).join(', ');
  if (!answer.allowed && byIdentity && identityName && identityName !== 'signer')
    walk.fail(
      step,
      identityName,
      `${answer.explanation} for execute-api:Invoke on ${question.resource} (${who})`,
    );
  if (!answer.allowed)
    walk.fail(
      step,
      policy.name,
      `${answer.explanation} for execute-api:Invoke on ${question.resource} (${who})`,
    );
  walk.pass(
    step,
    policy.name,
    `allows execute-api:Invoke on ${question.resource} (${who})`,
    step === 'endpoint-policy' ? 'endpoint' : 'API',
    step === 'endpoint-policy' ? 'endpoint' : 'API',
  );
}
