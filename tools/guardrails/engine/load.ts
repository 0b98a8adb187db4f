import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { getPath, Json } from '@apigw-private/tools/tfjson';

/** A plan to check, already read. */
export interface StackInput {
  readonly stack: string;
  /** Parsed `terraform show -json` output. */
  readonly plan: unknown;
  readonly planFile?: string;
  /** Parsed cdk.tf.json of the stack, for the backend rules and suppressions. */
  readonly cdktf?: unknown;
  readonly cdktfFile?: string;
}

/** A file that could not be read or parsed, reported next to the findings of the others. */
export interface UnreadableInput {
  readonly file: string;
  /** `MissingPlan: ...`, `UnreadablePlan: ...` or `InvalidPlan: ...`. */
  readonly error: string;
}

const CDKTF_STACK = /(?:^|\/)apps\/([^/]+)\/cdktf\.out\/stacks\/([^/]+)\/plan\.json$/;
const ANY_CDKTF_STACK = /(?:^|\/)cdktf\.out\/stacks\/([^/]+)\/plan\.json$/;

/**
 * How reports name a stack: `<app>/<stack>` for apps/<app>/cdktf.out/stacks/<stack>/plan.json,
 * `<stack>` for any other cdktf.out/stacks/<stack>/plan.json, the stack name that cdktf recorded in
 * the cdk.tf.json beside the plan, else the plan's path relative to `root`.
 */
export function stackNameOf(file: string, root: string = process.cwd(), cdktf?: unknown): string {
  const path = relative(root, resolve(file)).split(sep).join('/');
  const app = CDKTF_STACK.exec(path);
  if (app) return `${app[1]}/${app[2]}`;
  const stack = ANY_CDKTF_STACK.exec(path);
  if (stack) return stack[1];
  const recorded = getPath(cdktf as Json, '//.metadata.stackName');
  if (typeof recorded === 'string' && recorded !== '') return recorded;
  return path;
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT'
        ? `MissingPlan: ${file} does not exist; run \`npm run plan\` (or terraform plan + terraform show -json) first`
        : `UnreadablePlan: cannot read ${what} ${file}: ${(error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`InvalidPlan: ${what} ${file} is not JSON: ${(error as Error).message}`);
  }
}

/** Reads a plan.json and the cdk.tf.json beside it, when there is one; throws on a bad file. */
export function loadStack(file: string, root: string = process.cwd()): StackInput {
  const planFile = resolve(file);
  const plan = readJson(planFile, 'plan');
  const cdktfFile = join(dirname(planFile), 'cdk.tf.json');
  const cdktf = existsSync(cdktfFile) ? readJson(cdktfFile, 'cdktf configuration') : undefined;
  return {
    stack: stackNameOf(planFile, root, cdktf),
    plan,
    planFile,
    cdktf,
    cdktfFile: cdktf === undefined ? undefined : cdktfFile,
  };
}

/** Reads every file it can; the ones it cannot are returned with the reason, not thrown. */
export function loadStacks(
  files: readonly string[],
  root: string = process.cwd(),
): { readonly inputs: readonly StackInput[]; readonly unreadable: readonly UnreadableInput[] } {
  const inputs: StackInput[] = [];
  const unreadable: UnreadableInput[] = [];
  for (const file of files) {
    try {
      inputs.push(loadStack(file, root));
    } catch (error) {
      unreadable.push({ file, error: (error as Error).message });
    }
  }
  return { inputs, unreadable };
}
