import type { PolicyDocument } from './evaluate';

const SHORTHAND = 'execute-api:/';

/**
 * An API resource policy as API Gateway stores it: `execute-api:/<stage>/<method>/<path>` written
 * in Resource or NotResource becomes the API's execution ARN followed by the same path.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html
 */
export function expandExecuteApiShorthand(
  policy: PolicyDocument,
  executionArn: string,
): PolicyDocument {
  const expand = (value: unknown): unknown => {
    if (typeof value === 'string' && value.startsWith(SHORTHAND))
      return `${executionArn}/${value.slice(SHORTHAND.length)}`;
    if (Array.isArray(value)) return value.map(expand);
    return value;
  };
  return {
    ...policy,
    Statement: policy.Statement.map((statement) => {
      const out: Record<string, unknown> = { ...statement };
      if ('Resource' in out) out.Resource = expand(out.Resource);
      if ('NotResource' in out) out.NotResource = expand(out.NotResource);
      return out;
    }),
  };
}
