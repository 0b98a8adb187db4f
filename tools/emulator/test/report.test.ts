import { judgeSecondPlan, Deviation } from '../deviations';
import { KEPT_SETTINGS, judgeSettings } from '../kept-settings';
import { MAX_JOBS, parseArgs, passed, table } from '../cli';
import type { StackReport } from '../harness';

const update = (
  address: string,
  type: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
) => ({
  address,
  type,
  mode: 'managed',
  change: { actions: ['update'], before, after, after_unknown: {} },
});

describe('second plan', () => {
  const declared: Deviation[] = [
    { type: 'aws_thing', attribute: 'a', reason: 'moto returns a differently' },
  ];

  it('is empty when every action is no-op or read', () => {
    const plan = {
      resource_changes: [
        {
          ...update('aws_vpc.v', 'aws_vpc', {}, {}),
          change: { actions: ['no-op'], before: {}, after: {} },
        },
      ],
    };
    expect(judgeSecondPlan(plan, declared)).toEqual({ changes: [], deviations: [] });
  });

  it('lists a declared deviation with its reason instead of a change', () => {
    const plan = {
      resource_changes: [update('aws_thing.x', 'aws_thing', { a: 1, b: 2 }, { a: 3, b: 2 })],
    };
    expect(judgeSecondPlan(plan, declared)).toEqual({
      changes: [],
      deviations: [
        { address: 'aws_thing.x', attribute: 'a', reason: 'moto returns a differently' },
      ],
    });
  });

  it('counts a change when any attribute is not declared, or the action is a replacement', () => {
    const plan = {
      resource_changes: [
        update('aws_thing.x', 'aws_thing', { a: 1, b: 2 }, { a: 3, b: 4 }),
        {
          ...update('aws_thing.y', 'aws_thing', { a: 1 }, { a: 2 }),
          change: { actions: ['delete', 'create'], before: { a: 1 }, after: { a: 2 } },
        },
      ],
    };
    const judged = judgeSecondPlan(plan, declared);
    expect(judged.deviations).toEqual([]);
    expect(judged.changes).toEqual([
      {
        address: 'aws_thing.x',
        actions: ['update'],
        attributes: ['a', 'b'],
        values: { a: { state: 1, planned: 3 }, b: { state: 2, planned: 4 } },
      },
      {
        address: 'aws_thing.y',
        actions: ['delete', 'create'],
        attributes: ['a'],
        values: { a: { state: 1, planned: 2 } },
      },
    ]);
  });
});

describe('account settings after destroy', () => {
  const role =
    '111111111111/us-east-1 apigateway:cloudwatch-role-arn:arn:aws:iam::111111111111:role/r';
  const owner = new Set(['aws_iam_role', 'aws_api_gateway_account']);

  it('keeps the CloudWatch role setting of a stack that declares aws_api_gateway_account', () => {
    const judged = judgeSettings([], [role], owner);
    expect(judged.unexplained).toEqual([]);
    expect(judged.kept).toEqual([{ setting: role, reason: KEPT_SETTINGS[0].reason }]);
    expect(KEPT_SETTINGS[0].reason).toContain('update-account');
    expect(KEPT_SETTINGS[0].references.length).toBeGreaterThan(0);
  });

  it('leaves the setting unexplained when the stack has no resource that sets it', () => {
    expect(judgeSettings([], [role], new Set(['aws_iam_role']))).toEqual({
      kept: [],
      unexplained: [role],
    });
  });

  it('ignores a setting that was there before apply, and judges one the stack changed', () => {
    const other = role.replace('role/r', 'role/other');
    expect(judgeSettings([role], [role], new Set())).toEqual({ kept: [], unexplained: [] });
    expect(judgeSettings([role], [other], new Set()).unexplained).toEqual([other]);
  });
});

describe('emulate command', () => {
  const report: StackReport = {
    app: 'basic',
    stack: 'basic',
    applied: true,
    resources: 52,
    secondPlan: { changes: [], deviations: [] },
    destroyed: true,
    leftovers: [],
    keptSettings: [],
    seconds: 50.04,
    phaseSeconds: {},
  };

  it('prints one row per stack with resources, apply, second plan, destroy and seconds', () => {
    const lines = table([
      report,
      { ...report, stack: 'other', destroyed: false, error: 'x' },
    ]).split('\n');
    expect(lines[0].split(/\s{2,}/)).toEqual([
      'stack',
      'resources',
      'apply',
      'second plan',
      'destroy',
      'seconds',
    ]);
    expect(lines[1].split(/\s{2,}/)).toEqual(['basic/basic', '52', 'ok', 'empty', 'ok', '50.0']);
    expect(lines[2].split(/\s{2,}/)).toEqual(['basic/other', '52', 'ok', 'empty', 'FAIL', '50.0']);
    expect(passed(report)).toBe(true);
    expect(passed({ ...report, destroyed: false })).toBe(false);
  });

  it('says in the destroy column how many account settings the destroy kept', () => {
    const kept = { setting: '1/us-east-1 apigateway:cloudwatch-role-arn:arn', reason: 'r' };
    const line = table([{ ...report, keptSettings: [kept] }]).split('\n')[1];
    expect(line.split(/\s{2,}/)[4]).toBe('ok (1 setting(s) kept)');
  });

  it('takes apps, --stack and --from', () => {
    expect(parseArgs(['basic', '--stack', 'basic'])).toStrictEqual({
      apps: ['basic'],
      stacks: ['basic'],
      from: undefined,
    });
    expect(parseArgs(['x', '--from', 'out'])).toEqual({ apps: ['x'], stacks: [], from: 'out' });
    expect(parseArgs(['--all']).apps).toEqual(
      expect.arrayContaining([
        'basic',
        'cross-account',
        'ecs-private',
        'multi-region',
        'on-premises',
      ]),
    );
  });

  it('takes --jobs as a whole number from 1 to MAX_JOBS, naming the bad value', () => {
    expect(parseArgs(['basic', '--jobs', '3']).jobs).toBe(3);
    expect(parseArgs(['basic']).jobs).toBeUndefined();
    for (const bad of ['0', '2.5', 'many', String(MAX_JOBS + 1)])
      expect(() => parseArgs(['basic', '--jobs', bad])).toThrow(
        `--jobs is "${bad}"; it takes a whole number from 1 to ${MAX_JOBS}`,
      );
  });

  it('fails when no app is named, an option lacks its value, or --from has no single label', () => {
    expect(() => parseArgs([])).toThrow('name an app or pass --all');
    expect(() => parseArgs(['basic', '--stack'])).toThrow('--stack needs a value');
    expect(() => parseArgs(['a', 'b', '--from', 'out'])).toThrow('--from runs one folder');
    expect(() => parseArgs(['--bogus'])).toThrow('unknown option --bogus');
  });
});
