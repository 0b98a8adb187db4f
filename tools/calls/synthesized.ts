/**
 * The verifier over a fresh synth: synthesizes an app into a temporary folder (never its own
 * cdktf.out), walks its declared calls and removes the folder. The apps' calls tests use it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppCalls } from '@apigw-private/constructs/calls/declaration';
import { synthInto } from '@apigw-private/tools/plan-runner/synth-into';
import { AppReport, formatLine, verifyApp } from './verify';

export async function verifySynthesized(declared: AppCalls): Promise<AppReport> {
  const root = mkdtempSync(join(tmpdir(), `apigw-calls-${declared.app}-`));
  try {
    await synthInto(declared.app, root);
    return await verifyApp(root, declared);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The lines of the calls that did not go as declared (empty when all did). */
export function failures(report: AppReport): string[] {
  return report.results.filter((r) => !r.ok).map(formatLine);
}

/** Synth timeout for a calls test: a cold bundle and synth of the largest app on two cores. */
export const CALLS_TIMEOUT_MS = 120_000;
