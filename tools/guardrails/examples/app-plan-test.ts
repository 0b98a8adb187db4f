import { checkPlanFile, errorsOf, problemsOf } from '@apigw-private/tools/guardrails';

/**
 * What an app's plan test adds for each stack: the plan was read and has AWS resources to check,
 * and no error-level guardrail finding.
 */
export function guardrailsTest(planJson: string): void {
  it('passes the guardrails', async () => {
    const report = await checkPlanFile(planJson);
    expect(problemsOf(report)).toEqual([]);
    expect(errorsOf(report)).toEqual([]);
  });
}
