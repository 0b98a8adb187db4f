/** Verifies an app's declared calls over a cdktf output folder (`<out>/stacks/<id>/cdk.tf.json`). */
import type { AppCalls, CallDeclaration } from '@apigw-private/constructs/calls/declaration';
import { Plan, readStack, stackNames } from '@apigw-private/tools/tfjson';
import { validateCalls } from './validate';
import type { CallResult } from './model';
import { StackView } from './stack';
import { verifyCall } from './walk';

export interface VerifyOptions {
  /** Only the calls of these stacks. */
  readonly stacks?: readonly string[];
}

export interface AppReport {
  readonly app: string;
  readonly results: readonly CallResult[];
  readonly ok: boolean;
  readonly seconds: number;
}

/** Verifies declared calls over stacks read by `read` (each stack read once, when first needed). */
export async function verifyStacks(
  declared: AppCalls,
  stacks: readonly string[],
  read: (stack: string) => Plan,
  options: VerifyOptions = {},
): Promise<AppReport> {
  const start = process.hrtime.bigint();
  const calls = validateCalls(declared, stacks);
  const wanted = calls.filter((c) => !options.stacks?.length || options.stacks.includes(c.stack));
  const views = new Map<string, StackView>();
  const results: CallResult[] = [];
  for (const call of wanted) {
    let view = views.get(call.stack);
    if (!view) {
      view = new StackView(call.stack, read(call.stack), {
        ...declared.accounts,
        ...declared.stackAccounts?.[call.stack],
      });
      views.set(call.stack, view);
    }
    results.push(await verifyCall(view, call));
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { app: declared.app, results, ok: results.every((r) => r.ok), seconds };
}

/** Verifies an app's calls over a cdktf output folder (the synthesized JSON of each stack). */
export function verifyApp(
  outDir: string,
  declared: AppCalls,
  options: VerifyOptions = {},
): Promise<AppReport> {
  const read = (stack: string) =>
    readStack(outDir, stack, `${declared.app}/${stack}`, { withPlan: false }).synth;
  return verifyStacks(declared, stackNames(outDir), read, options);
}

/** One line per call: PASS/FAIL, stack, name, outcome. */
export function formatLine(result: CallResult): string {
  const call: CallDeclaration = result.call;
  return `${result.ok ? 'PASS' : 'FAIL'} ${call.stack} ${call.name}: ${result.summary}`;
}
