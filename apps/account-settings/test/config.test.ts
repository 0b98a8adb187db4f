// Config of apps/account-settings: defaults that cover every app's default accounts and Regions,
// and the refusal of a second owner for one account and Region.
import { Testing } from 'cdktf';
import { parseConfig } from '@apigw-private/constructs/config/load';
import { accountSettingsConfigSchema, DEFAULT_TARGETS, stackIdOf } from '../src/config';
import { AccountSettingsStack } from '../src/stack';

function parse(input: unknown) {
  return parseConfig('account-settings config', accountSettingsConfigSchema, input);
}

describe('account-settings config', () => {
  test('the defaults are one target per account and Region of the apps default configs', () => {
    const config = parse({});
    expect(config.targets).toEqual(DEFAULT_TARGETS);
    expect(config.targets.map(stackIdOf)).toEqual([
      'account-settings-111111111111-us-east-1',
      'account-settings-111111111111-us-west-2',
      'account-settings-222222222222-us-east-1',
      'account-settings-333333333333-us-east-1',
    ]);
  });

  test('each target builds one stack that owns the CloudWatch role, without reset_on_delete', () => {
    const [target] = parse({
      targets: [{ accountId: '444444444444', region: 'eu-west-1' }],
    }).targets;
    const stack = new AccountSettingsStack(Testing.app(), { target, mode: 'offline' });
    expect(stack.node.id).toBe('account-settings-444444444444-eu-west-1');
    const synthesized = JSON.parse(Testing.synth(stack)) as {
      resource: Record<string, Record<string, Record<string, unknown>>>;
      provider: { aws: { region: string }[] };
    };
    const accounts = Object.values(synthesized.resource.aws_api_gateway_account);
    expect(accounts).toHaveLength(1);
    expect(accounts[0].cloudwatch_role_arn).toMatch(/^\$\{aws_iam_role\.apigw-account_role_/);
    expect(accounts[0]).not.toHaveProperty('reset_on_delete');
    expect(synthesized.provider.aws[0].region).toBe('eu-west-1');
  });

  test('fails when an account and Region is listed twice', () => {
    expect(() =>
      parse({
        targets: [
          { accountId: '111111111111', region: 'us-east-1' },
          { accountId: '222222222222', region: 'us-east-1' },
          { accountId: '111111111111', region: 'us-east-1', roleName: 'deploy' },
        ],
      }),
    ).toThrow(
      /DuplicateTarget: targets\[2\] must differ from targets\[0\]: an account and Region has one owner of its API Gateway settings, got "111111111111\/us-east-1"/,
    );
  });

  test('fails when a target has a bad account ID or Region', () => {
    expect(() => parse({ targets: [{ accountId: '1234', region: 'moon-1' }] })).toThrow(
      /InvalidAccountId: targets\[0\]\.accountId .*"1234"[\s\S]*InvalidRegion: targets\[0\]\.region .*"moon-1"/,
    );
  });

  test('fails when no target is listed', () => {
    expect(() => parse({ targets: [] })).toThrow(/TooSmall: targets /);
  });
});
