import { privateApiStack, ref, Stack, walk } from './fixture';

function withLambda(stack: Stack, sourceArn: string): Stack {
  const r = stack.resource;
  r.aws_lambda_function.backend = {
    '//': { metadata: { path: 'demo/backend/resource' } },
    function_name: 'backend',
  };
  Object.assign(r.aws_api_gateway_integration.hello, {
    type: 'AWS_PROXY',
    integration_http_method: 'POST',
    uri: ref('aws_lambda_function.backend.invoke_arn'),
  });
  r.aws_lambda_permission = {
    api: {
      function_name: ref('aws_lambda_function.backend.function_name'),
      action: 'lambda:InvokeFunction',
      principal: 'apigateway.amazonaws.com',
      source_arn: sourceArn,
    },
  };
  return stack;
}

describe('integration step', () => {
  it('answers a MOCK integration from API Gateway itself', async () => {
    const result = await walk(privateApiStack());
    expect(result.backend?.kind).toBe('mock');
  });

  it('invokes a Lambda function whose permission admits the method ARN', async () => {
    const stack = withLambda(
      privateApiStack(),
      `${ref('aws_api_gateway_rest_api.api.execution_arn')}/*/GET/hello`,
    );
    const result = await walk(stack, { expect: { backend: 'backend' } });
    expect(result.ok).toBe(true);
    expect(result.steps.find((s) => s.step === 'integration')?.address).toBe(
      'aws_lambda_permission.api',
    );
  });

  it('refuses a Lambda integration whose permission names another method', async () => {
    const stack = withLambda(
      privateApiStack(),
      `${ref('aws_api_gateway_rest_api.api.execution_arn')}/*/POST/other`,
    );
    const result = await walk(stack, { expect: { backend: 'backend' } });
    expect(result.stoppedAt).toEqual(
      expect.objectContaining({ step: 'integration', status: 'fail' }),
    );
  });

  it('refuses a Lambda integration with no permission for API Gateway', async () => {
    const stack = withLambda(privateApiStack(), 'x');
    delete stack.resource.aws_lambda_permission;
    const result = await walk(stack, { expect: { backend: 'backend' } });
    expect(result.stoppedAt).toEqual(
      expect.objectContaining({ step: 'integration', address: 'aws_lambda_function.backend' }),
    );
  });
});
