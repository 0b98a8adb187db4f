import { App } from 'cdktf';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { OutputError, ioReason, removeStaleStaging, replaceOutput, stagingFolder } from './output';
import { buildReportingProblems } from './report';

/** Stacks a caller needs (comma separated); synth fails, writing nothing, when one is missing. */
export const STACKS_ENV = 'APIGW_SYNTH_STACKS';
/** Set to 1 to print the stack trace of a failed synth. */
export const DEBUG_ENV = 'APIGW_DEBUG';

export interface SynthesizeOptions {
  /**
   * Stacks the caller is about to use; when the app does not build one of them, synth fails
   * before anything is written and names the stacks the app has.
   * @default - no stack is required
   */
  readonly stacks?: readonly string[];
}

function stacksIn(staging: string): string[] {
  const dir = join(staging, 'stacks');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** Runs a step that writes the staging folder, turning a failed write into one clear message. */
function writing<T>(staging: string, target: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (!(error as NodeJS.ErrnoException).code) throw error;
    throw new OutputError(
      'WriteFailed',
      `could not write the staging folder ${staging}: ${ioReason(error)}; the previous ${basename(target)} is untouched`,
    );
  }
}

/**
 * Synthesizes an app into `outdir` (default `CDKTF_OUTDIR` or `cdktf.out`). The app is built and
 * synthesized into a staging folder first, so bad config, a failed construct validation, an app
 * that builds no stack or a missing required stack leave the previous output untouched. Then only
 * the synthesized files (each stack's cdk.tf.json and assets, the manifest) are moved into place:
 * Terraform's working files, lock file, state and plan files never leave their stack folders.
 */
export function synthesize(
  build: (app: App) => void,
  outdir?: string,
  options: SynthesizeOptions = {},
): string {
  const target = resolve(outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  removeStaleStaging(target);
  const staging = stagingFolder(target);
  try {
    const app = writing(staging, target, () => new App({ outdir: staging }));
    // Every problem of the config and of every construct, in one error, before anything is written.
    buildReportingProblems(app, build);
    writing(staging, target, () => app.synth());
    const built = stacksIn(staging);
    if (built.length === 0) {
      throw new OutputError(
        'NoStacks',
        `the configuration enables no stack, so there is nothing to synthesize; the previous ${basename(target)} is untouched. Enable at least one stack in the app's config.`,
      );
    }
    const unknown = (options.stacks ?? []).filter((stack) => !built.includes(stack));
    if (unknown.length > 0) {
      throw new OutputError(
        'UnknownStack',
        `${unknown.map((s) => JSON.stringify(s)).join(', ')} ${unknown.length === 1 ? 'is not a stack' : 'are not stacks'} of this app; its stacks are ${built.join(', ')}. The previous ${basename(target)} is untouched.`,
      );
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  replaceOutput(staging, target);
  return target;
}

/** The message of a failed synth; with APIGW_DEBUG=1, its stack trace. */
export function describeFailure(error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const e = error instanceof Error ? error : new Error(String(error));
  if (env[DEBUG_ENV] === '1') return e.stack ?? e.message;
  return e.message;
}

/**
 * Entry point for an app's main.ts: synthesizes, and on any failure (bad input, an unknown
 * APIGW_MODE, a folder it cannot write) prints one message without a stack trace and exits
 * non-zero. APIGW_DEBUG=1 adds the stack trace.
 */
export function runApp(build: (app: App) => void): void {
  const required = (process.env[STACKS_ENV] ?? '').split(',').filter(Boolean);
  try {
    synthesize(build, undefined, { stacks: required });
  } catch (error) {
    process.stderr.write(`${describeFailure(error)}\n`);
    process.exit(1);
  }
}
