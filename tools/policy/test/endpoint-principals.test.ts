import { endpointPolicyForEvaluator, evaluateAccess, NamedPolicy } from '..';

const ROLE = 'arn:aws:iam::111111111111:role/instances';

const sessionManager: NamedPolicy = {
  name: 'aws_vpc_endpoint.ssm',
  policy: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'ssm:UpdateInstanceInformation',
        Resource: '*',
        Condition: { ArnEquals: { 'aws:PrincipalArn': [ROLE] } },
      },
    ],
  },
};

const ask = (caller: string) =>
  evaluateAccess(
    {
      caller,
      action: 'ssm:UpdateInstanceInformation',
      resource: 'arn:aws:ec2:us-east-1:111111111111:instance/i-0123456789abcdef0',
      resourceAccount: '111111111111',
    },
    {
      endpointPolicies: [sessionManager],
      identityPolicies:
        caller === 'anonymous'
          ? []
          : [
              {
                name: 'all',
                policy: {
                  Version: '2012-10-17',
                  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
                },
              },
            ],
    },
  );

describe('endpoint policies that name AWS principals', () => {
  it('let the named role through, as AWS does for interface endpoints', async () => {
    expect((await ask(ROLE)).allowed).toBe(true);
  });

  it('keep other roles out', async () => {
    expect((await ask('arn:aws:iam::111111111111:role/other')).allowed).toBe(false);
  });

  it('keep anonymous callers out of {"AWS": "*"}', async () => {
    expect((await ask('anonymous')).allowed).toBe(false);
  });

  it('are rewritten with the principal as conditions, one statement per kind', () => {
    const rewritten = endpointPolicyForEvaluator({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: ['111111111111', 'arn:aws:iam::222222222222:role/x'] },
          Action: '*',
          Resource: '*',
        },
      ],
    });
    expect(rewritten.Statement).toEqual([
      expect.objectContaining({
        Principal: '*',
        Condition: { StringEquals: { 'aws:PrincipalAccount': ['111111111111'] } },
      }),
      expect.objectContaining({
        Principal: '*',
        Condition: { ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::222222222222:role/x'] } },
      }),
    ]);
  });
});
