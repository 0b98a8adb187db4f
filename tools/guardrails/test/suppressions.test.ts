import { App, TerraformResource, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { checkPlans, Report, StackReport } from '..';
import { covers, parseSuppressionsFile } from '../engine/suppressions';
import { suppress } from '../suppress';
import { addressesOf, FIXTURES, INSECURE, reportOf, SUPPRESSED } from './helpers';

class Resource extends TerraformResource {
  constructor(scope: Construct, id: string, type: string) {
    super(scope, id, {
      terraformResourceType: type,
      terraformGeneratorMetadata: { providerName: 'aws' },
    });
  }
}

interface Synthesized {
  readonly resource: Record<
    string,
    Record<string, { readonly '//'?: { readonly guardrails?: unknown } }>
  >;
}

function synth(stack: TerraformStack): Synthesized {
  return JSON.parse(JSON.stringify(stack.toTerraform())) as Synthesized;
}

describe('suppress', () => {
  it('records the rule and reason in the resource comment of cdk.tf.json', async () => {
    const stack = new TerraformStack(new App(), 'stack');
    const lb = new Resource(stack, 'lb', 'aws_lb');
    suppress(lb, 'ELB-002', 'Ephemeral test stack: destroyed after every run');
    expect(synth(stack).resource.aws_lb.lb['//']?.guardrails).toEqual({
      suppressions: { 'ELB-002': 'Ephemeral test stack: destroyed after every run' },
    });
  });

  it('suppresses every resource under a construct', async () => {
    const stack = new TerraformStack(new App(), 'stack');
    const group = new Construct(stack, 'logs');
    new Resource(group, 'a', 'aws_cloudwatch_log_group');
    new Resource(group, 'b', 'aws_cloudwatch_log_group');
    const targets = suppress(group, 'LOGS-002', 'Test logs hold no customer data');
    expect(targets).toHaveLength(2);
    const groups = synth(stack).resource.aws_cloudwatch_log_group;
    expect(Object.values(groups).map((g) => g['//']?.guardrails)).toEqual([
      { suppressions: { 'LOGS-002': 'Test logs hold no customer data' } },
      { suppressions: { 'LOGS-002': 'Test logs hold no customer data' } },
    ]);
  });

  it('keeps several rules on one resource', async () => {
    const stack = new TerraformStack(new App(), 'stack');
    const lb = new Resource(stack, 'lb', 'aws_lb');
    suppress(lb, 'ELB-001', 'Public by design: the internet-facing entry point');
    suppress(lb, 'ELB-002', 'Ephemeral test stack: destroyed after every run');
    expect(
      Object.keys(
        (synth(stack).resource.aws_lb.lb['//']?.guardrails as { suppressions: object })
          .suppressions,
      ),
    ).toEqual(['ELB-001', 'ELB-002']);
  });

  it('fails when the reason is empty', async () => {
    const stack = new TerraformStack(new App(), 'stack');
    expect(() => suppress(new Resource(stack, 'lb', 'aws_lb'), 'ELB-002', '  ')).toThrow(
      'MissingSuppressionReason: suppress(stack/lb, ELB-002) reason must say why the exception is safe (at least 10 characters), got "  "',
    );
  });

  it('fails when the rule ID has the wrong form', async () => {
    const stack = new TerraformStack(new App(), 'stack');
    expect(() =>
      suppress(new Resource(stack, 'lb', 'aws_lb'), 'elb.2', 'Ephemeral test stack'),
    ).toThrow(
      'InvalidRuleId: suppress(stack/lb) ruleId must be a guardrail rule ID like "ELB-002" or "APIGW-PRIVATE-001", got "elb.2"',
    );
  });

  it('fails when the construct holds no resource', async () => {
    const stack = new TerraformStack(new App(), 'stack');
    expect(() =>
      suppress(new Construct(stack, 'empty'), 'ELB-002', 'Ephemeral test stack'),
    ).toThrow(
      'NothingToSuppress: suppress(stack/empty, ELB-002) found no Terraform resource at or under this construct (data sources cannot carry suppressions)',
    );
  });
});

describe('suppressions from cdk.tf.json', () => {
  let stack: StackReport;
  beforeAll(async () => {
    [stack] = (await reportOf(SUPPRESSED)).stacks;
  });

  it('moves a finding with a reasoned suppression out of the findings and lists it', async () => {
    expect(addressesOf(await reportOf(SUPPRESSED), 'ELB-002')).toEqual([]);
    expect(stack.suppressed.filter((f) => f.rule === 'ELB-002')).toEqual([
      expect.objectContaining({
        address: 'aws_lb.test_nlb',
        reason: 'Ephemeral test stack: destroyed at the end of every pipeline run',
        origin: expect.stringContaining('cdk.tf.json (construct suppressed/test_nlb)'),
      }),
    ]);
  });

  it('lists every suppression with its reason', async () => {
    expect(
      stack.suppressions.map((s) => [s.rule, s.address, s.valid, s.suppressedFindings]).sort(),
    ).toEqual([
      ['ECS-999', 'aws_ecs_cluster.typo', false, 0],
      ['ELB-002', 'aws_lb.test_nlb', true, 1],
      ['LOGS-002', 'aws_cloudwatch_log_group.audit_errors_D2B9A1D3', true, 1],
      ['LOGS-002', 'aws_cloudwatch_log_group.audit_requests_8CDA2260', true, 1],
      ['LOGS-002', 'aws_cloudwatch_log_group.no_reason', false, 0],
    ]);
  });

  it('does not apply a suppression without a reason, and reports it as an error', async () => {
    expect(addressesOf(await reportOf(SUPPRESSED), 'LOGS-002')).toEqual([
      'aws_cloudwatch_log_group.no_reason',
    ]);
    expect(addressesOf(await reportOf(SUPPRESSED), 'GUARDRAILS-001')).toEqual([
      'aws_cloudwatch_log_group.no_reason',
    ]);
  });
});

describe('suppressions file', () => {
  let report: Report;
  beforeAll(async () => {
    report = await checkPlans([INSECURE], {
      suppressionsFiles: [join(FIXTURES, 'suppressions.json')],
    });
  });

  it('suppresses findings of plans not written by cdktf', async () => {
    expect(addressesOf(report, 'ELB-002')).toEqual([]);
    expect(report.stacks[0].suppressed.map((f) => [f.rule, f.address])).toEqual([
      ['ELB-002', 'aws_lb.public_nlb'],
    ]);
  });

  it('applies an entry with a stack only to that stack', async () => {
    expect(addressesOf(report, 'ECS-005')).toContain('aws_ecs_task_definition.unsafe');
  });

  it('reports an entry without a reason', async () => {
    expect(addressesOf(report, 'LOGS-001')).toEqual(['aws_cloudwatch_log_group.no_retention']);
    expect(addressesOf(report, 'GUARDRAILS-001')).toEqual([
      'aws_cloudwatch_log_group.no_retention',
    ]);
  });

  it('rejects a malformed file with every problem listed', async () => {
    expect(() =>
      parseSuppressionsFile(
        { suppressions: [{ rule: 'ELB-002' }, { rule: 1, address: 'aws_lb.x', reason: 'x' }] },
        'bad.json',
      ),
    ).toThrow(
      'InvalidSuppressions: bad.json: suppressions[0].address must be a Terraform resource address, got undefined; suppressions[1].rule must be a rule ID, got 1',
    );
  });
});

describe('covers', () => {
  const suppression = {
    rule: 'ELB-002',
    address: 'module.net.aws_lb.x',
    reason: 'reason text here',
    origin: 'test',
  };

  it('covers every instance of a base address', async () => {
    expect(covers(suppression, 'module.net.aws_lb.x[0]')).toBe(true);
    expect(covers(suppression, 'module.net[1].aws_lb.x["a"]')).toBe(true);
  });

  it('does not cover other resources', async () => {
    expect(covers(suppression, 'module.net.aws_lb.xy')).toBe(false);
    expect(covers(suppression, 'aws_lb.x')).toBe(false);
  });
});
