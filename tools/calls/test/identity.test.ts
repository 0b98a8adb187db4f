import { expectRefusedAt, privateApiStack, ref, Stack, walk } from './fixture';

/** The API in another account (provider aws.b), the Lambda client signing with its role. */
function crossAccount(allowed: string, region = 'us-east-1'): Stack {
  const stack = privateApiStack();
  stack.provider = { aws: [{ region: 'us-east-1' }, { region, alias: 'b' }] };
  const r = stack.resource;
  for (const type of [
    'aws_api_gateway_rest_api',
    'aws_api_gateway_resource',
    'aws_api_gateway_method',
    'aws_api_gateway_integration',
    'aws_api_gateway_stage',
  ])
    for (const block of Object.values(r[type])) block.provider = 'aws.b';
  r.aws_iam_role = { client: { name: 'client-role' } };
  r.aws_lambda_function.client.role = ref('aws_iam_role.client.arn');
  r.aws_iam_role_policy = {
    client: {
      role: ref('aws_iam_role.client.id'),
      policy: ref('data.aws_iam_policy_document.client.json'),
    },
  };
  stack.data!.aws_iam_policy_document.client = {
    statement: [{ effect: 'Allow', actions: ['execute-api:Invoke'], resources: [allowed] }],
  };
  return stack;
}

describe("the signer's own policies", () => {
  it("let a cross-account call through when the client's role allows the API", async () => {
    const result = await walk(
      crossAccount(`${ref('aws_api_gateway_rest_api.api.execution_arn')}/*`),
    );
    expect(result.ok).toBe(true);
    expect(result.steps.find((s) => s.step === 'resource-policy')?.detail).toContain(
      'signed by arn:aws:iam::111111111111:role/client-role',
    );
  });

  it("refuse a cross-account call the client's role does not allow, naming the role policy", async () => {
    const result = await walk(crossAccount('arn:aws:execute-api:us-east-1:111111111111:other/*'));
    expectRefusedAt(result, 'resource-policy', 'aws_iam_role_policy.client');
    expect(result.stoppedAt?.detail).toContain('no statement of the identity policy');
  });

  it('cannot judge a role whose only policies are managed outside the stack, and says so', async () => {
    const stack = crossAccount('arn:aws:execute-api:us-east-1:111111111111:other/*');
    delete stack.resource.aws_iam_role_policy;
    stack.resource.aws_iam_role_policy_attachment = {
      managed: {
        role: ref('aws_iam_role.client.name'),
        policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      },
    };
    const result = await walk(stack);
    expect(result.stoppedAt).toEqual(
      expect.objectContaining({ step: 'resource-policy', status: 'unknown' }),
    );
    expect(result.stoppedAt?.detail).toContain('aws_iam_role_policy_attachment.managed');
  });

  it('never reach a private API of another Region through the endpoint', async () => {
    const stack = crossAccount(
      `${ref('aws_api_gateway_rest_api.api.execution_arn')}/*`,
      'us-west-2',
    );
    const result = await walk(stack);
    expectRefusedAt(result, 'dns', 'aws_vpc_endpoint.api');
    expect(result.stoppedAt?.detail).toContain('serves APIs of its own Region only');
  });
});
