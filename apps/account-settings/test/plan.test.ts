// Runs the real offline `terraform plan` of every default stack of apps/account-settings and
// asserts on plan.json.
import { checkPlanFile, errorsOf } from '@apigw-private/tools/guardrails';
import {
  PLAN_TIMEOUT_MS,
  TerraformPlan,
  after,
  configOf,
  onlyResourceOf,
  planApp,
  planFileOfPlan,
  referencesOf,
  terraformWarningsOf,
} from '@apigw-private/tools/testing/plan';
import { DEFAULT_TARGETS, stackIdOf } from '../src/config';

const STACKS = DEFAULT_TARGETS.map(stackIdOf);

let plans: Record<string, TerraformPlan>;

beforeAll(async () => {
  plans = await planApp('account-settings');
}, PLAN_TIMEOUT_MS);

describe('apps/account-settings plan', () => {
  test('plans one stack per default account and Region', () => {
    expect(Object.keys(plans).sort()).toEqual([...STACKS].sort());
  });

  test.each(STACKS)('%s: no guardrail error', async (stack) => {
    const report = await checkPlanFile(planFileOfPlan(plans[stack]));
    expect(errorsOf(report)).toEqual([]);
  });

  test.each(DEFAULT_TARGETS.map((t) => [stackIdOf(t), t] as const))(
    '%s: sets the CloudWatch role of its account and Region, and destroy leaves the setting',
    (stack, target) => {
      const plan = plans[stack];
      const account = onlyResourceOf(plan, 'aws_api_gateway_account');
      const role = onlyResourceOf(plan, 'aws_iam_role');
      expect(referencesOf(configOf(plan, account.address).cloudwatch_role_arn)).toContain(
        `${role.address}.arn`,
      );
      // reset_on_delete is deprecated in provider 5.x; left out, destroy keeps the setting.
      expect(configOf(plan, account.address)).not.toHaveProperty('reset_on_delete');
      // The policy documents are read at plan time, so the role's policies are known JSON.
      const trust = JSON.parse(after<string>(role, 'assume_role_policy'));
      expect(trust.Statement).toEqual([
        expect.objectContaining({
          Action: 'sts:AssumeRole',
          Principal: { Service: 'apigateway.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': target.accountId } },
        }),
      ]);
      const write = JSON.parse(
        after<string>(onlyResourceOf(plan, 'aws_iam_role_policy'), 'policy'),
      );
      const logGroups = `arn:aws:logs:${target.region}:${target.accountId}:log-group:*`;
      expect(write.Statement).toEqual([
        expect.objectContaining({
          Resource: expect.arrayContaining([logGroups, `${logGroups}:*`]),
        }),
      ]);
    },
  );
});

describe('apps/account-settings Terraform warnings', () => {
  test('every stack plans with zero Terraform warnings (deprecated arguments and the like)', () => {
    expect(terraformWarningsOf(plans)).toEqual({});
  });
});
