// The API Gateway CloudWatch role is one setting per account and Region. A deploy-mode synth of
// every app in the repository, with its default config, must give it at most one owner in each
// account and Region, and an owner wherever a REST API stage logs.
import { listApps, synthForDocs } from '@apigw-private/tools/diagrams/docs';
import { loggingStagesOf, NamedStack, ownersOf } from './owners';

describe('ownersOf', () => {
  const stack = (name: string, accounts: string[]): NamedStack => ({
    name,
    json: {
      provider: {
        aws: [
          { region: 'us-east-1', allowed_account_ids: ['111111111111'] },
          { alias: 'west', region: 'us-west-2', allowed_account_ids: ['111111111111'] },
        ],
      },
      resource: {
        aws_api_gateway_account: Object.fromEntries(
          accounts.map((provider, i) => [`account${i}`, provider ? { provider } : {}]),
        ),
      },
    },
  });

  test('finds each owner by its provider, default or aliased', () => {
    expect(ownersOf([stack('a/one', ['', 'aws.west'])])).toEqual({
      '111111111111/us-east-1': ['a/one/aws_api_gateway_account.account0'],
      '111111111111/us-west-2': ['a/one/aws_api_gateway_account.account1'],
    });
  });

  test('reports two stacks that own one account and Region', () => {
    expect(
      ownersOf([stack('a/one', ['']), stack('b/two', [''])])['111111111111/us-east-1'],
    ).toEqual(['a/one/aws_api_gateway_account.account0', 'b/two/aws_api_gateway_account.account0']);
  });

  test('fails when a provider names no account (an offline synth)', () => {
    expect(() =>
      ownersOf([
        {
          name: 'a/offline',
          json: {
            provider: { aws: [{ region: 'us-east-1' }] },
            resource: { aws_api_gateway_account: { account: {} } },
          },
        },
      ]),
    ).toThrow(/a\/offline: provider \(default\) names no region or allowed_account_ids/);
  });
});

describe('the API Gateway CloudWatch role across every app (deploy-mode synth)', () => {
  let stacks: NamedStack[];

  beforeAll(() => {
    stacks = listApps().flatMap((app) =>
      synthForDocs(app).map((s) => ({
        name: `${app}/${s.name}`,
        json: s.json as NamedStack['json'],
      })),
    );
  }, 300_000);

  test('synthesizes every app, account-settings included', () => {
    const apps = new Set(stacks.map((s) => s.name.split('/')[0]));
    expect([...apps]).toEqual(expect.arrayContaining(['account-settings', 'basic']));
    expect(apps.size).toBe(listApps().length);
  });

  test('at most one owner per account and Region', () => {
    const shared = Object.entries(ownersOf(stacks)).filter(([, owners]) => owners.length > 1);
    expect(shared).toEqual([]);
  });

  test('only apps/account-settings owns it', () => {
    const owners = Object.values(ownersOf(stacks)).flat();
    expect(owners.filter((o) => !o.startsWith('account-settings/'))).toEqual([]);
  });

  test('every account and Region where a REST API stage logs has an owner', () => {
    const owned = ownersOf(stacks);
    const missing = Object.entries(loggingStagesOf(stacks))
      .filter(([key]) => !owned[key])
      .map(([key, stages]) => `${key}: ${stages[0]} and ${stages.length - 1} more`);
    expect(missing).toEqual([]);
  });
});
