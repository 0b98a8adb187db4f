/**
 * Reads cdktf output laid out as `<out>/stacks/<stack>/cdk.tf.json` (and `plan.json` beside it
 * when the stack has been planned): the contract that the plan runner writes and that pipelines,
 * the request-path verifier, the guardrails, the emulator and the docs read.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Plan, PlanSource, parsePlan } from './document';
import { JsonObject } from './json';
import { parseSynth } from './synth';

export const SYNTH_FILE = 'cdk.tf.json';
export const PLAN_FILE = 'plan.json';

export interface StackFiles {
  /** The stack's construct ID, which is also its folder name under `stacks/`. */
  readonly stack: string;
  readonly dir: string;
  /** The synthesized configuration, read into the plan model (values known at synth only). */
  readonly synth: Plan;
  /** The plan, when `plan.json` is present; it carries the synthesized JSON as `source.cdktf`. */
  readonly plan?: Plan;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`InvalidJson: cannot read ${file}: ${(error as Error).message}`);
  }
}

/** The stacks of a cdktf output folder, sorted; a folder without `stacks/` has none. */
export function stackNames(outDir: string): readonly string[] {
  const stacksDir = join(outDir, 'stacks');
  if (!existsSync(stacksDir)) return [];
  return readdirSync(stacksDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(stacksDir, entry.name, SYNTH_FILE)))
    .map((entry) => entry.name)
    .sort();
}

/**
 * Reads one stack of a cdktf output folder; `label` names it in messages (e.g. `basic/<stack>`).
 * `withPlan: false` skips plan.json (large) for readers of the synthesized JSON only.
 */
export function readStack(
  outDir: string,
  stack: string,
  label = stack,
  options: { readonly withPlan?: boolean } = {},
): StackFiles {
  const dir = join(outDir, 'stacks', stack);
  const synthFile = join(dir, SYNTH_FILE);
  if (!existsSync(synthFile))
    throw new Error(`MissingSynth: ${synthFile} does not exist; synthesize the app first`);
  const cdktf = readJson(synthFile) as JsonObject;
  const source: PlanSource = { stack: label, cdktfFile: synthFile };
  const synth = parseSynth(cdktf, { ...source, file: synthFile });
  const planFile = join(dir, PLAN_FILE);
  const plan =
    options.withPlan !== false && existsSync(planFile)
      ? parsePlan(readJson(planFile), { ...source, file: planFile, cdktf })
      : undefined;
  return { stack, dir, synth, plan };
}

/** Every stack of a cdktf output folder. */
export function readStacks(outDir: string, labelPrefix = ''): readonly StackFiles[] {
  return stackNames(outDir).map((stack) => readStack(outDir, stack, `${labelPrefix}${stack}`));
}
