import { HELLO, privateApiStack, walk } from './fixture';

describe('verifyCall on a small private API', () => {
  it('walks the documented call to its MOCK integration, step by step with addresses', async () => {
    const result = await walk(privateApiStack());
    expect(result.ok).toBe(true);
    expect(result.backend).toEqual(
      expect.objectContaining({ kind: 'mock', address: 'aws_api_gateway_integration.hello' }),
    );
    expect(result.steps.map((s) => s.step)).toEqual([
      'client',
      'dns',
      'network',
      'client',
      'endpoint-sg',
      'endpoint-policy',
      'method',
      'authorizer',
      'resource-policy',
      'integration',
    ]);
    expect(result.steps.every((s) => s.status === 'pass' && s.address.length > 0)).toBe(true);
  });

  it('fails a call whose expectation is not met, and says what was expected', async () => {
    const result = await walk(privateApiStack(), { expect: { refusedAt: 'method' } });
    expect(result.ok).toBe(false);
    expect(result.summary).toContain('expected refusal at method');
  });

  it('never throws on a stack it does not understand: it names the resource it could not follow', async () => {
    const stack = privateApiStack();
    stack.resource.aws_api_gateway_integration.hello.type = 'HTTP_PROXY';
    stack.resource.aws_api_gateway_integration.hello.connection_type = 'VPC_LINK';
    stack.resource.aws_api_gateway_integration.hello.connection_id = 'vl-external';
    const result = await walk(stack);
    expect(result.ok).toBe(false);
    expect(result.stoppedAt).toEqual(
      expect.objectContaining({
        step: 'integration',
        status: 'unknown',
        address: 'aws_api_gateway_integration.hello',
      }),
    );
    expect(result.stoppedAt?.detail).toMatch(/^cannot follow: /);
  });

  it('reports a missing client as refused at the client step', async () => {
    const result = await walk(privateApiStack(), { ...HELLO, from: { client: 'nobody' } });
    expect(result.stoppedAt).toEqual(expect.objectContaining({ step: 'client', status: 'fail' }));
  });
});
