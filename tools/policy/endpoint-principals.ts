import type { PolicyDocument } from './evaluate';

/**
 * The caller's account from its ARN (a role, user, assumed-role session or account root);
 * undefined for anonymous callers and service principals.
 */
export function accountOfCaller(caller: string): string | undefined {
  return /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(caller)?.[1];
}

/**
 * The keys AWS sets from the identity of every signed request, aws:PrincipalAccount and
 * aws:PrincipalArn (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn).
 */
export function principalContext(caller: string): Record<string, string> {
  const account = accountOfCaller(caller);
  if (!account) return {};
  return { 'aws:PrincipalAccount': account, 'aws:PrincipalArn': caller };
}

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');

/**
 * An endpoint policy in the form the evaluator reads: it takes only `"Principal": "*"`, so a
 * statement naming AWS principals becomes `*` with the same restriction as conditions (any signed
 * caller for `{"AWS": "*"}`, aws:PrincipalAccount for accounts, aws:PrincipalArn for ARNs), one
 * statement per kind. Interface endpoint policies may name principals that way:
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
 */
export function endpointPolicyForEvaluator(policy: PolicyDocument): PolicyDocument {
  const statements = policy.Statement.flatMap((statement) => {
    const principal = statement.Principal;
    if (principal === undefined || principal === '*' || typeof principal !== 'object')
      return [statement];
    const aws = list((principal as Record<string, unknown>).AWS);
    if (aws.length === 0) return [statement];
    const condition = (extra: Record<string, Record<string, string | string[]>>) => {
      const merged: Record<string, Record<string, unknown>> = {
        ...((statement.Condition as Record<string, Record<string, unknown>>) ?? {}),
      };
      for (const [operator, keys] of Object.entries(extra))
        merged[operator] = { ...(merged[operator] ?? {}), ...keys };
      return { ...statement, Principal: '*', Condition: merged };
    };
    if (aws.includes('*')) return [condition({ Null: { 'aws:PrincipalArn': 'false' } })];
    const accounts = aws
      .map(
        (id) => /^(\d{12})$/.exec(id)?.[1] ?? /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(id)?.[1],
      )
      .filter((a): a is string => a !== undefined);
    const arns = aws.filter((id) => !/^\d{12}$/.test(id) && !/:root$/.test(id));
    return [
      ...(accounts.length > 0
        ? [condition({ StringEquals: { 'aws:PrincipalAccount': accounts } })]
        : []),
      ...(arns.length > 0 ? [condition({ ArnLike: { 'aws:PrincipalArn': arns } })] : []),
    ];
  });
  return { ...policy, Statement: statements };
}
