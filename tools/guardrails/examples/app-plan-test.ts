import { checkPlanFile, errorsOf } from '@apigw-private/tools/guardrails';

/** What an app's plan test adds for each stack: no error-level guardrail finding in its plan. */
export function guardrailsTest(planJson: string): void {
  it('passes the guardrails', async () => {
    expect(errorsOf(await checkPlanFile(planJson))).toEqual([]);
  });
}
