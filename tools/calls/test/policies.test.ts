import { privateApiStack, walk, withPrivateDomain, expectRefusedAt } from './fixture';

describe('endpoint policy and resource policy steps (iam-simulate)', () => {
  it('fails at the endpoint policy when it names another API only', async () => {
    const stack = privateApiStack();
    (
      stack.data!.aws_iam_policy_document.endpoint.statement as { resources: string[] }[]
    )[0].resources = ['arn:aws:execute-api:us-east-1:111111111111:otherapi/*'];
    const result = await walk(stack);
    expectRefusedAt(result, 'endpoint-policy', 'aws_vpc_endpoint_policy.api');
    expect(result.stoppedAt?.detail).toContain('no statement of the endpoint policy allows it');
  });

  it('gives an endpoint without a policy of its own the default full-access policy', async () => {
    const stack = privateApiStack();
    delete stack.resource.aws_vpc_endpoint_policy;
    const result = await walk(stack);
    expect(result.ok).toBe(true);
    expect(result.steps.find((s) => s.step === 'endpoint-policy')?.detail).toContain(
      'default endpoint policy',
    );
  });

  it('fails at the resource policy when it denies every endpoint but another one', async () => {
    const stack = privateApiStack();
    const statements = stack.data!.aws_iam_policy_document.api.statement as Record<
      string,
      unknown
    >[];
    statements.push({
      sid: 'OnlyTheOtherEndpoint',
      effect: 'Deny',
      principals: [{ type: 'AWS', identifiers: ['*'] }],
      actions: ['execute-api:Invoke'],
      resources: ['execute-api:/*'],
      condition: [
        { test: 'StringNotEquals', variable: 'aws:SourceVpce', values: ['vpce-0someoneelse'] },
      ],
    });
    const result = await walk(stack);
    expectRefusedAt(result, 'resource-policy', 'aws_api_gateway_rest_api.api');
    expect(result.stoppedAt?.detail).toContain('explicit Deny');
  });

  it('fails at the resource policy when a private API has none', async () => {
    const stack = privateApiStack();
    delete stack.resource.aws_api_gateway_rest_api.api.policy;
    const result = await walk(stack);
    expectRefusedAt(result, 'resource-policy', 'aws_api_gateway_rest_api.api');
  });

  it('evaluates an unsigned call as anonymous: a policy for one account refuses it', async () => {
    const stack = privateApiStack();
    stack.resource.aws_api_gateway_method.hello.authorization = 'NONE';
    const statement = (
      stack.data!.aws_iam_policy_document.api.statement as {
        principals: { identifiers: string[] }[];
      }[]
    )[0];
    statement.principals[0].identifiers = ['arn:aws:iam::111111111111:root'];
    const result = await walk(stack, { signed: false });
    expect(result.stoppedAt?.step).toBe('resource-policy');
    expect(result.stoppedAt?.detail).toContain('(anonymous)');
  });

  // Regression for defect 1 of issue 12 (on-premises): the endpoint policy allowed only the API's
  // execution ARN, so calls through the private custom domain name got 403.
  it('refuses a private custom domain call when the endpoint policy does not name the domain', async () => {
    const result = await walk(withPrivateDomain(privateApiStack(), false), {
      dns: { kind: 'custom-domain', name: 'api.example.internal' },
    });
    expectRefusedAt(result, 'endpoint-policy', 'aws_vpc_endpoint_policy.api');
    expect(result.stoppedAt?.detail).toContain('/domainnames/api.example.internal+');
  });

  it("also refuses the anonymous CORS preflight through the domain (defect 1's second symptom)", async () => {
    const stack = withPrivateDomain(privateApiStack(), false);
    stack.resource.aws_api_gateway_method.hello.http_method = 'OPTIONS';
    stack.resource.aws_api_gateway_method.hello.authorization = 'NONE';
    const preflight = {
      dns: { kind: 'custom-domain', name: 'api.example.internal' },
      method: 'OPTIONS',
      signed: false,
    } as const;
    expect((await walk(stack, preflight)).stoppedAt?.step).toBe('endpoint-policy');
    const fixed = withPrivateDomain(privateApiStack(), true);
    fixed.resource.aws_api_gateway_method.hello.http_method = 'OPTIONS';
    fixed.resource.aws_api_gateway_method.hello.authorization = 'NONE';
    expect((await walk(fixed, preflight)).ok).toBe(true);
  });
});
