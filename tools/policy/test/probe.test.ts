import {
  callerContexts,
  describeBreach,
  evaluateAccess,
  evaluations,
  expandExecuteApiShorthand,
  fillTemplate,
  firstBreach,
  NamedPolicy,
  PolicyDocument,
  Probe,
} from '..';

const OWN = '111111111111';
const OTHER = '444455556666';
const API = `arn:aws:execute-api:us-east-1:${OWN}:abc123`;

const apiPolicy = (statements: PolicyDocument['Statement']): NamedPolicy => ({
  name: 'aws_api_gateway_rest_api_policy.api',
  policy: expandExecuteApiShorthand({ Version: '2012-10-17', Statement: statements }, API),
});

const fromAnotherEndpoint: readonly Probe[] = [
  {
    caller: 'anonymous',
    action: 'execute-api:Invoke',
    resource: `${API}/prod/GET/guardrails-probe`,
    resourceAccount: OWN,
    context: { 'aws:SourceVpce': 'vpce-0ffffffffffffffff' },
  },
  {
    caller: `arn:aws:iam::${OTHER}:role/outsider`,
    action: 'execute-api:Invoke',
    resource: `${API}/prod/GET/guardrails-probe`,
    resourceAccount: OWN,
    context: { 'aws:SourceVpce': 'vpce-0ffffffffffffffff' },
  },
];

describe('firstBreach', () => {
  it('finds the caller an Allow on a condition the caller controls lets in', async () => {
    const breach = await firstBreach(fromAnotherEndpoint, {
      resourcePolicy: apiPolicy([
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*',
          Condition: { Bool: { 'aws:SecureTransport': 'true' } },
        },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/prod/GET/unused',
        },
      ]),
    });
    expect(breach && describeBreach(breach)).toBe(
      `an anonymous caller is allowed execute-api:Invoke on ${API}/prod/GET/guardrails-probe (request context aws:SecureTransport=true, aws:SourceVpce=vpce-0ffffffffffffffff)`,
    );
  });

  it('lets the caller pick an address inside a source IP condition', async () => {
    const breach = await firstBreach(fromAnotherEndpoint, {
      resourcePolicy: apiPolicy([
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*',
          Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } },
        },
      ]),
    });
    expect(breach?.context['aws:SourceIp']).toBe('0.0.0.0');
  });

  it('finds nothing when a Deny on another source endpoint holds', async () => {
    const breach = await firstBreach(fromAnotherEndpoint, {
      resourcePolicy: apiPolicy([
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*',
        },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*',
          Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } },
        },
      ]),
    });
    expect(breach).toBeUndefined();
  });

  it('gives a caller of another account its own permissions, so only the endpoint policy decides', async () => {
    const probe: Probe = {
      caller: `arn:aws:iam::${OTHER}:role/outsider`,
      action: 'ecr:BatchGetImage',
      resource: `arn:aws:ecr:us-east-1:${OTHER}:repository/theirs`,
      resourceAccount: OTHER,
    };
    const endpoint = (condition?: Record<string, unknown>): NamedPolicy => ({
      name: 'aws_vpc_endpoint.ecr_api',
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: '*',
            Resource: '*',
            ...(condition ? { Condition: condition } : {}),
          },
        ],
      },
    });
    expect(await firstBreach([probe], { endpointPolicies: [endpoint()] })).toBeDefined();
    expect(
      await firstBreach([probe], {
        endpointPolicies: [endpoint({ StringEquals: { 'aws:PrincipalAccount': OWN } })],
      }),
    ).toBeUndefined();
  });
});

describe('callerContexts', () => {
  it('tries each value and an outside address for IP keys, over TLS', () => {
    const contexts = callerContexts([
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } } },
        ],
      },
    ]);
    expect(contexts).toEqual([
      { 'aws:SecureTransport': 'true', 'aws:SourceIp': '10.0.0.0' },
      { 'aws:SecureTransport': 'true', 'aws:SourceIp': '203.0.113.10' },
    ]);
  });

  it('tries both transports when a policy tests aws:SecureTransport', () => {
    const contexts = callerContexts([
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
      },
    ]);
    expect(contexts).toEqual([
      { 'aws:SecureTransport': 'true' },
      { 'aws:SecureTransport': 'false' },
    ]);
  });
});

describe('expandExecuteApiShorthand', () => {
  it('writes the execution ARN where the policy says execute-api:/', () => {
    const expanded = expandExecuteApiShorthand(
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Resource: ['execute-api:/*', 'arn:aws:s3:::b'] }],
      },
      API,
    );
    expect(expanded.Statement[0].Resource).toEqual([`${API}/*`, 'arn:aws:s3:::b']);
  });
});

describe('fillTemplate', () => {
  it('replaces each reference with its placeholder and keeps the text around it', () => {
    expect(
      fillTemplate('${aws_api_gateway_rest_api.api.execution_arn}/*', (r) =>
        r.address === 'aws_api_gateway_rest_api.api' && r.attribute === 'execution_arn'
          ? API
          : undefined,
      ),
    ).toBe(`${API}/*`);
  });

  it('gives up on an expression that is not a plain reference', () => {
    expect(fillTemplate('${join(",", var.x)}', () => 'x')).toBeUndefined();
  });
});

describe('evaluateAccess', () => {
  it('answers the same question once per process', async () => {
    const before = evaluations.count;
    const question = fromAnotherEndpoint[0];
    const policies = {
      resourcePolicy: apiPolicy([
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*',
        },
      ]),
    };
    const first = await evaluateAccess(question, policies);
    const second = await evaluateAccess(question, policies);
    expect(second).toBe(first);
    expect(evaluations.count - before).toBe(1);
  });
});
