/**
 * The verifier over a fresh synth: synthesizes an app into a temporary folder (never its own
 * cdktf.out), walks its declared calls and removes the folder. The apps' calls tests use it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALL_STEPS, type AppCalls } from '@apigw-private/constructs/calls/declaration';
import { synthInto } from '@apigw-private/tools/plan-runner/synth-into';
import { readmeCalls, readmeCallsOf } from './readme';
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

/** What an app's calls.ts exports. */
export interface AppCallsModule {
  readonly appCalls: () => AppCalls;
  readonly documentedCalls: () => AppCalls;
}

/**
 * The calls test of an app: every declared call meets its expectation over a fresh synth, at least
 * two are refusals, the walk keeps to its budget, and the README lists the documented calls.
 */
export function describeAppCalls(app: string, calls: AppCallsModule, readmeFile: string): void {
  let report: AppReport;

  beforeAll(async () => {
    report = await verifySynthesized(calls.appCalls());
  }, CALLS_TIMEOUT_MS);

  describe(`apps/${app} documented calls`, () => {
    test('every declared call meets its expectation', () => {
      expect(failures(report)).toEqual([]);
      expect(report.results.length).toBeGreaterThan(0);
    });

    test('declares at least two calls that a step refuses, and says which', () => {
      const refused = report.results.filter((r) => 'refusedAt' in r.call.expect);
      expect(refused.length).toBeGreaterThanOrEqual(2);
      for (const r of refused) expect(CALL_STEPS).toContain(r.stoppedAt?.step);
    });

    test('verifies within the 2 s budget', () => {
      expect(report.seconds).toBeLessThan(2);
    });

    test(`the README lists exactly the documented calls (npm run calls -- ${app} --write-readme)`, () => {
      const readme = readFileSync(readmeFile, 'utf8');
      expect(readmeCallsOf(readme, app)).toBe(readmeCalls(calls.documentedCalls()));
    });
  });
}
