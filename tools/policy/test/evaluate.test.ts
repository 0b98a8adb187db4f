import { parseSynth } from '@apigw-private/tools/tfjson';
import { evaluateAccess, NamedPolicy, policyOf, toPolicyDocument } from '..';

const API = 'arn:aws:execute-api:us-east-1:111111111111:abc123';
const INVOKE = `${API}/prod/GET/hello`;

const resourcePolicy: NamedPolicy = {
  name: 'aws_api_gateway_rest_api_policy.api',
  policy: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: `${API}/*` },
      {
        Sid: 'OnlyFromTheEndpoint',
        Effect: 'Deny',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: `${API}/*`,
        Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } },
      },
    ],
  },
};

const endpointPolicy = (resource: string): NamedPolicy => ({
  name: 'aws_vpc_endpoint.execute_api',
  policy: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: resource },
    ],
  },
});

describe('evaluateAccess', () => {
  it('allows an anonymous call through the intended endpoint', async () => {
    const answer = await evaluateAccess(
      {
        caller: 'anonymous',
        action: 'execute-api:Invoke',
        resource: INVOKE,
        resourceAccount: '111111111111',
        context: { 'aws:SourceVpce': 'vpce-1' },
      },
      { resourcePolicy, endpointPolicies: [endpointPolicy(`${API}/*`)] },
    );
    expect(answer).toMatchObject({ allowed: true, decision: 'Allowed', denials: [] });
  });

  it('names the resource policy statement that denies a call from another endpoint', async () => {
    const answer = await evaluateAccess(
      {
        caller: 'anonymous',
        action: 'execute-api:Invoke',
        resource: INVOKE,
        resourceAccount: '111111111111',
        context: { 'aws:SourceVpce': 'vpce-2' },
      },
      { resourcePolicy },
    );
    expect(answer.decision).toBe('ExplicitlyDenied');
    expect(answer.explanation).toBe(
      'ExplicitlyDenied: explicit Deny in the resource policy aws_api_gateway_rest_api_policy.api (statement OnlyFromTheEndpoint)',
    );
  });

  it('denies a call the endpoint policy does not cover, and says so', async () => {
    const answer = await evaluateAccess(
      {
        caller: 'anonymous',
        action: 'execute-api:Invoke',
        resource: INVOKE,
        resourceAccount: '111111111111',
        context: { 'aws:SourceVpce': 'vpce-1' },
      },
      {
        resourcePolicy,
        endpointPolicies: [endpointPolicy('arn:aws:execute-api:us-east-1:111111111111:other/*')],
      },
    );
    expect(answer.allowed).toBe(false);
    expect(answer.denials).toContainEqual(
      expect.objectContaining({ policy: 'endpoint', explicit: false }),
    );
  });
});

describe('toPolicyDocument', () => {
  const plan = parseSynth(
    {
      data: {
        aws_iam_policy_document: {
          api: {
            statement: [
              {
                effect: 'Deny',
                actions: ['execute-api:Invoke'],
                resources: ['execute-api:/*'],
                principals: [{ type: '*', identifiers: ['*'] }],
                condition: [
                  {
                    test: 'StringNotEquals',
                    variable: 'aws:SourceVpce',
                    values: ['${aws_vpc_endpoint.execute_api.id}'],
                  },
                ],
              },
            ],
          },
        },
      },
      resource: {
        aws_vpc_endpoint: { execute_api: { vpc_id: 'vpc-1', service_name: 'x' } },
        aws_api_gateway_rest_api: {
          api: { name: 'api', policy: '${data.aws_iam_policy_document.api.json}' },
        },
      },
    },
    { stack: 'demo' },
  );

  it('fills values known only after apply with the placeholders it is given', () => {
    const [api] = plan.ofType('aws_api_gateway_rest_api');
    const lookup = policyOf(plan, api);
    if (lookup.kind !== 'document') throw new Error(`expected a document, got ${lookup.kind}`);
    const { policy, unresolved } = toPolicyDocument(lookup, (r) =>
      r.address === 'aws_vpc_endpoint.execute_api' ? 'vpce-placeholder' : undefined,
    );
    expect(unresolved).toEqual([]);
    expect(policy.Statement[0]).toEqual({
      Effect: 'Deny',
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*',
      Principal: '*',
      Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-placeholder' } },
    });
  });

  it('reports a value it has no placeholder for', () => {
    const [api] = plan.ofType('aws_api_gateway_rest_api');
    const lookup = policyOf(plan, api);
    if (lookup.kind !== 'document') throw new Error(`expected a document, got ${lookup.kind}`);
    expect(toPolicyDocument(lookup, () => undefined).unresolved).toEqual([
      '<aws_vpc_endpoint.execute_api.id>',
    ]);
  });
});

describe('toPolicyDocument with templates', () => {
  it('keeps the text around a reference, as the synthesized template writes it', () => {
    const plan = parseSynth(
      {
        data: {
          aws_iam_policy_document: {
            endpoint: {
              statement: [
                {
                  actions: ['execute-api:Invoke'],
                  resources: ['${aws_api_gateway_rest_api.api.execution_arn}/*', 'arn:aws:s3:::x'],
                  principals: [{ type: '*', identifiers: ['*'] }],
                },
              ],
            },
          },
        },
        resource: {
          aws_api_gateway_rest_api: { api: { name: 'api' } },
          aws_vpc_endpoint_policy: {
            p: {
              vpc_endpoint_id: 'vpce-1',
              policy: '${data.aws_iam_policy_document.endpoint.json}',
            },
          },
        },
      },
      { stack: 'demo' },
    );
    const [holder] = plan.ofType('aws_vpc_endpoint_policy');
    const lookup = policyOf(plan, holder);
    if (lookup.kind !== 'document') throw new Error(`expected a document, got ${lookup.kind}`);
    const { policy, unresolved } = toPolicyDocument(lookup, (r) =>
      r.address === 'aws_api_gateway_rest_api.api' && r.attribute === 'execution_arn'
        ? 'arn:aws:execute-api:us-east-1:111111111111:abc'
        : undefined,
    );
    expect(unresolved).toEqual([]);
    expect(policy.Statement[0].Resource).toEqual([
      'arn:aws:execute-api:us-east-1:111111111111:abc/*',
      'arn:aws:s3:::x',
    ]);
  });
});
