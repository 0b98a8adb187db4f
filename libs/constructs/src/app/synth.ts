import { App } from 'cdktf';
import { existsSync, mkdirSync, renameSync, rmSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ValidationError } from '../errors';
import { buildReportingProblems } from './report';

/** Files Terraform keeps in a stack folder between runs; carried over so re-synth keeps them. */
const KEPT = ['.terraform', '.terraform.lock.hcl', 'terraform.tfstate'];

/**
 * Synthesizes an app into `outdir` (default `CDKTF_OUTDIR` or `cdktf.out`) through a staging
 * folder, so a failed synth, whether bad config or a failed construct validation, leaves the
 * previous output untouched. Terraform's working files in each stack folder survive a re-synth.
 */
export function synthesize(build: (app: App) => void, outdir?: string): string {
  const target = resolve(outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const staging = `${target}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const app = new App({ outdir: staging });
    // Every problem of the config and of every construct, in one error, before anything is written.
    buildReportingProblems(app, build);
    app.synth();
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const stacks = join(staging, 'stacks');
  if (existsSync(stacks)) {
    for (const stack of readdirSync(stacks)) {
      for (const name of KEPT) {
        const previous = join(target, 'stacks', stack, name);
        if (existsSync(previous)) renameSync(previous, join(stacks, stack, name));
      }
    }
  }
  const old = `${target}.old-${process.pid}`;
  if (existsSync(target)) renameSync(target, old);
  mkdirSync(resolve(target, '..'), { recursive: true });
  renameSync(staging, target);
  rmSync(old, { recursive: true, force: true });
  return target;
}

/**
 * Entry point for an app's main.ts: synthesizes, and on bad input prints the one error listing
 * every problem (without a stack trace) and exits non-zero.
 */
export function runApp(build: (app: App) => void): void {
  try {
    synthesize(build);
  } catch (error) {
    if (error instanceof ValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
