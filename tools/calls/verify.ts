/** Verifies an app's declared calls over a cdktf output folder (`<out>/stacks/<id>/cdk.tf.json`). */
import type { AppCalls, CallDeclaration } from '@apigw-private/constructs/calls/declaration';
import { readStack, stackNames } from '@apigw-private/tools/tfjson';
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

/** Reads each stack once (plan.json when present, the synthesized JSON otherwise). */
export async function verifyApp(
  outDir: string,
  declared: AppCalls,
  options: VerifyOptions = {},
): Promise<AppReport> {
  const start = process.hrtime.bigint();
  const calls = validateCalls(declared, stackNames(outDir));
  const wanted = calls.filter((c) => !options.stacks?.length || options.stacks.includes(c.stack));
  const views = new Map<string, StackView>();
  const results: CallResult[] = [];
  for (const call of wanted) {
    let view = views.get(call.stack);
    if (!view) {
      const files = readStack(outDir, call.stack, `${declared.app}/${call.stack}`);
      view = new StackView(call.stack, files.synth, {
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

/** One line per call: PASS/FAIL, stack, name, outcome. */
export function formatLine(result: CallResult): string {
  const call: CallDeclaration = result.call;
  return `${result.ok ? 'PASS' : 'FAIL'} ${call.stack} ${call.name}: ${result.summary}`;
}
