import { App, TerraformResource, TerraformStack } from 'cdktf';
import { checkPlanFile, checkPlanJson, errorsOf } from '@apigw-private/tools/guardrails';
import { guardrailsTest } from '../examples/app-plan-test';
import { allowDestroy } from '../examples/suppress-in-a-construct';
import { INSECURE, SECURE } from './helpers';
import { readFileSync } from 'node:fs';

describe('public API through the workspace alias', () => {
  guardrailsTest(SECURE);

  it('returns the error findings of a failing plan', async () => {
    expect(errorsOf(await checkPlanFile(INSECURE)).length).toBe(62);
  });

  it('checks a plan already in memory', async () => {
    const report = await checkPlanJson(JSON.parse(readFileSync(INSECURE, 'utf8')), 'in-memory');
    expect(report.stacks[0].stack).toBe('in-memory');
    expect(errorsOf(report).length).toBe(62);
  });

  it('runs the documented suppression example', async () => {
    const stack = new TerraformStack(new App(), 'stack');
    const lb = new TerraformResource(stack, 'lb', { terraformResourceType: 'aws_lb' });
    allowDestroy(lb, true);
    const synthesized = JSON.parse(JSON.stringify(stack.toTerraform())) as {
      resource: { aws_lb: { lb: { '//': { guardrails: unknown } } } };
    };
    expect(synthesized.resource.aws_lb.lb['//'].guardrails).toEqual({
      suppressions: {
        'ELB-002': 'Ephemeral test stack: destroyed at the end of every pipeline run',
      },
    });
  });
});
