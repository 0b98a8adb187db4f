// The API Gateway CloudWatch role is one setting per account and Region. A deploy-mode synth of
// every app in the repository, with its default config, must give it at most one owner in each
// account and Region, and an owner wherever a REST API stage logs.
import { listApps, synthForDocs } from '@apigw-private/tools/diagrams/docs';
import { parseSynth, Plan } from '@apigw-private/tools/tfjson';
import { loggingStagesOf, ownersOf } from './owners';

const PROVIDERS = [
  { region: 'us-east-1', allowed_account_ids: ['111111111111'] },
  { alias: 'west', region: 'us-west-2', allowed_account_ids: ['111111111111'] },
];

/** A synthesized stack with the given aws_api_gateway_account resources (by provider). */
function stack(name: string, providers: readonly string[], aws: object[] = PROVIDERS): Plan {
  return parseSynth(
    {
      provider: { aws },
      resource: {
        aws_api_gateway_account: Object.fromEntries(
          providers.map((provider, i) => [`account${i}`, provider ? { provider } : {}]),
        ),
      },
    },
    { stack: name },
  );
}

describe('ownersOf', () => {
  test('finds each owner by its provider, default or aliased', () => {
    expect(ownersOf([stack('a/one', ['', 'aws.west'])])).toEqual({
      '111111111111/us-east-1': ['a/one/aws_api_gateway_account.account0'],
      '111111111111/us-west-2': ['a/one/aws_api_gateway_account.account1'],
    });
  });

  test('reports two stacks that own one account and Region', () => {
    expect(ownersOf([stack('a/one', ['']), stack('b/two', [''])])).toEqual({
      '111111111111/us-east-1': [
        'a/one/aws_api_gateway_account.account0',
        'b/two/aws_api_gateway_account.account0',
      ],
    });
  });

  test('fails when a provider names no account (an offline synth)', () => {
    expect(() => ownersOf([stack('a/offline', [''], [{ region: 'us-east-1' }])])).toThrow(
      /a\/offline: provider aws names no region or allowed_account_ids/,
    );
  });
});

describe('the API Gateway CloudWatch role across every app (deploy-mode synth)', () => {
  let plans: Plan[];

  beforeAll(async () => {
    plans = [];
    for (const app of listApps()) {
      for (const synthesized of await synthForDocs(app))
        plans.push(parseSynth(synthesized.json, { stack: `${app}/${synthesized.name}` }));
    }
  }, 300_000);

  test('synthesizes every app, account-settings included', () => {
    const apps = new Set(plans.map((p) => p.source.stack.split('/')[0]));
    expect([...apps]).toEqual(expect.arrayContaining(['account-settings', 'basic']));
    expect(apps.size).toBe(listApps().length);
  });

  test('at most one owner per account and Region', () => {
    const shared = Object.entries(ownersOf(plans)).filter(([, owners]) => owners.length > 1);
    expect(shared).toEqual([]);
  });

  test('only apps/account-settings owns it', () => {
    const owners = Object.values(ownersOf(plans)).flat();
    expect(owners.length).toBeGreaterThan(0);
    expect(owners.filter((o) => !o.startsWith('account-settings/'))).toEqual([]);
  });

  test('every account and Region where a REST API stage logs has an owner', () => {
    const owned = ownersOf(plans);
    const stages = loggingStagesOf(plans);
    expect(Object.keys(stages).length).toBeGreaterThan(0);
    const missing = Object.entries(stages)
      .filter(([key]) => !owned[key])
      .map(([key, found]) => `${key}: ${found[0]} and ${found.length - 1} more`);
    expect(missing).toEqual([]);
  });
});
