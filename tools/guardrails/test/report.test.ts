import { readFileSync } from 'node:fs';
import { checkPlans, errorsOf, Report, warningsOf } from '..';
import { formatReport, SARIF_SCHEMA, SarifLog, toSarif } from '../engine/report';
import { ALL_RULES } from '../rules';
import { INSECURE, SECURE, SUPPRESSED } from './helpers';

describe('report', () => {
  let report: Report;
  beforeAll(async () => {
    report = await checkPlans([INSECURE, SUPPRESSED]);
  });

  it('counts errors and warnings; errorsOf and warningsOf split them', async () => {
    expect(report.summary.errors).toBe(errorsOf(report).length);
    expect(report.summary.warnings).toBe(warningsOf(report).length);
    expect(errorsOf(report).every((f) => f.level === 'error')).toBe(true);
    expect(
      warningsOf(report)
        .map((f) => f.rule)
        .sort(),
    ).toEqual(['APIGW-PRIVATE-005', 'LOGS-002', 'LOGS-002']);
  });

  it('gives an empty error list for a passing plan, as app plan tests expect', async () => {
    expect(errorsOf(await checkPlans([SECURE]))).toEqual([]);
  });

  it('names each finding with its stack', async () => {
    expect(errorsOf(report).find((f) => f.rule === 'GUARDRAILS-002')).toEqual({
      rule: 'GUARDRAILS-002',
      level: 'error',
      stack: 'suppressed',
      address: 'aws_ecs_cluster.typo',
      message: expect.stringContaining('names rule "ECS-999", which does not exist'),
      fix: expect.any(String),
    });
  });

  it('formats suppressions with their reasons and status', async () => {
    const text = formatReport(report);
    expect(text).toContain(
      '    ELB-002  aws_lb.test_nlb  [suppressed 1 finding]\n      reason: "Ephemeral test stack: destroyed at the end of every pipeline run"',
    );
    expect(text).toContain(
      '    LOGS-002  aws_cloudwatch_log_group.no_reason  [NOT APPLIED]\n      reason: (none)',
    );
  });
});

describe('SARIF', () => {
  let report: Report;
  let sarif: SarifLog;
  let run: SarifLog['runs'][number];
  beforeAll(async () => {
    report = await checkPlans([INSECURE, SUPPRESSED]);
    sarif = toSarif(report);
    [run] = sarif.runs;
  });

  it('is a SARIF 2.1.0 log with one run', async () => {
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toBe(SARIF_SCHEMA);
    expect(sarif.runs).toHaveLength(1);
  });

  it('describes every rule with its level', async () => {
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(ALL_RULES.map((r) => r.id));
    const rule = run.tool.driver.rules.find((r) => r.id === 'ELB-002');
    expect(rule?.defaultConfiguration.level).toBe('error');
    expect(rule?.properties.tags).toContain('checkov CKV_AWS_150');
  });

  it('has one result per finding, pointing at its rule and resource', async () => {
    const findings = report.stacks.flatMap((s) => [...s.findings, ...s.suppressed]);
    expect(run.results).toHaveLength(findings.length);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(['error', 'warning']).toContain(result.level);
      expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      expect(result.locations[0].logicalLocations[0].kind).toBe('resource');
    }
  });

  it('points cdktf findings at the resource line in cdk.tf.json', async () => {
    const result = run.results.find((r) => r.ruleId === 'GUARDRAILS-002');
    const location = result?.locations[0].physicalLocation;
    expect(location?.artifactLocation.uri).toMatch(/fixtures\/cdktf\/suppressed\/cdk\.tf\.json$/);
    const lines = readFileSync(SUPPRESSED.replace('plan.json', 'cdk.tf.json'), 'utf8').split('\n');
    expect(lines[(location?.region.startLine ?? 0) - 1]).toContain('"typo": {');
  });

  it('points other findings at the resource in plan.json', async () => {
    const result = run.results.find((r) => r.ruleId === 'ELB-002');
    const location = result?.locations[0].physicalLocation;
    expect(location?.artifactLocation.uri).toMatch(/fixtures\/insecure\.plan\.json$/);
    const lines = readFileSync(INSECURE, 'utf8').split('\n');
    expect(lines[(location?.region.startLine ?? 0) - 1]).toContain(
      '"address": "aws_lb.public_nlb"',
    );
  });

  it('marks suppressed findings with the reason as justification', async () => {
    const suppressed = run.results.filter((r) => r.suppressions);
    expect(
      suppressed.map((r) => [
        r.ruleId,
        r.suppressions?.[0].kind,
        r.suppressions?.[0].justification,
      ]),
    ).toContainEqual([
      'ELB-002',
      'inSource',
      'Ephemeral test stack: destroyed at the end of every pipeline run',
    ]);
  });
});

describe('a run with an unreadable file', () => {
  it('is not a successful SARIF invocation, and says why', async () => {
    const report = await checkPlans([SECURE, '/nonexistent/plan.json']);
    expect(report.stacks).toHaveLength(1);
    expect(report.unreadable).toEqual([
      { file: '/nonexistent/plan.json', error: expect.stringContaining('MissingPlan') },
    ]);
    const [invocation] = toSarif(report).runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications?.[0].message.text).toContain(
      'MissingPlan: /nonexistent/plan.json does not exist',
    );
  });
});
