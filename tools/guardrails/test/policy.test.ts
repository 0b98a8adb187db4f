import { actionPatternMatches, parsePolicyJson, policyOf } from '@apigw-private/tools/policy';
import {
  restApiPolicy,
  restrictsSource,
  sourceDenies,
  sourceValueProblems,
} from '../support/rest-api';
import { INSECURE, planOf, SECURE } from './helpers';

describe('policyOf', () => {
  it('reads the statements of a policy document whose json is unknown until apply', () => {
    const plan = planOf(SECURE);
    const api = plan.instances('aws_api_gateway_rest_api.orders')[0];
    expect(plan.instances('data.aws_iam_policy_document.orders')[0].isUnknown('json')).toBe(true);
    const policy = policyOf(plan, api);
    expect(policy.kind).toBe('document');
    if (policy.kind !== 'document') return;
    expect(policy.from).toBe('data.aws_iam_policy_document.orders');
    expect(policy.incomplete).toBeUndefined();
    const [deny] = sourceDenies(policy.statements);
    expect(deny.statement.sid).toBe('DenyOtherSources');
    expect(deny.condition.test).toBe('StringNotEquals');
    expect(deny.condition.values).toEqual({
      known: [],
      references: [{ address: 'aws_vpc_endpoint.execute_api', attribute: 'id', resolved: true }],
      opaque: false,
    });
    expect(sourceValueProblems(deny.condition)).toEqual([]);
  });

  it('reads a literal JSON policy from a separate aws_api_gateway_rest_api_policy', () => {
    const plan = planOf(SECURE);
    const { lookup, holder } = restApiPolicy(
      plan,
      plan.instances('aws_api_gateway_rest_api.inventory')[0],
    );
    expect(holder.address).toBe('aws_api_gateway_rest_api_policy.inventory');
    expect(lookup.kind).toBe('document');
    expect(restrictsSource(lookup)).toBe(true);
  });

  it('calls a jsonencode policy with unknown values opaque, not absent', () => {
    const plan = planOf(INSECURE);
    const policy = policyOf(plan, plan.instances('aws_api_gateway_rest_api.opaque_policy')[0]);
    expect(policy.kind).toBe('opaque');
  });

  it('calls a computed policy that is not configured absent', () => {
    const plan = planOf(INSECURE);
    expect(policyOf(plan, plan.instances('aws_api_gateway_rest_api.no_policy')[0]).kind).toBe(
      'absent',
    );
  });
});

describe('parsePolicyJson', () => {
  it('normalizes single values, principal * and conditions', () => {
    const [statement] = parsePolicyJson(
      JSON.stringify({
        Statement: {
          Effect: 'Deny',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*',
          Condition: {
            StringNotEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] },
            Bool: { 'aws:SecureTransport': false },
          },
        },
      }),
    );
    expect(statement.principals).toEqual([
      { type: '*', identifiers: { known: ['*'], references: [], opaque: false } },
    ]);
    expect(statement.actions.known).toEqual(['execute-api:Invoke']);
    expect(statement.conditions.map((c) => [c.test, c.variable, c.values.known])).toEqual([
      ['StringNotEquals', 'aws:SourceVpce', ['vpce-1', 'vpce-2']],
      ['Bool', 'aws:SecureTransport', ['false']],
    ]);
  });

  it('rejects a source Deny whose values are not endpoint IDs', () => {
    const statements = parsePolicyJson(
      JSON.stringify({
        Statement: [
          {
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'execute-api:*',
            Resource: '*',
            Condition: { StringNotEquals: { 'aws:sourceVpce': 'vpc-123' } },
          },
        ],
      }),
    );
    const [deny] = sourceDenies(statements);
    expect(sourceValueProblems(deny.condition)).toEqual([
      'aws:sourceVpce value "vpc-123" is not a VPC endpoint ID (vpce-...)',
    ]);
  });
});

describe('actionPatternMatches', () => {
  it.each([
    ['execute-api:Invoke', true],
    ['execute-api:*', true],
    ['*', true],
    ['EXECUTE-API:invoke', true],
    ['execute-api:Inv*', true],
    ['execute-api:ManageConnections', false],
    ['apigateway:*', false],
  ])('%s covers execute-api:Invoke: %s', (pattern, expected) => {
    expect(actionPatternMatches(pattern, 'execute-api:Invoke')).toBe(expected);
  });
});
