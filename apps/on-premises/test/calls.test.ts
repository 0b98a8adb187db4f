// Walks every call apps/on-premises documents (src/calls.ts) over a fresh synth with the request-path
// verifier: each reaches the backend it names or is refused at the step it names.
import { CALL_STEPS } from '@apigw-private/constructs/calls/declaration';
import { AppReport } from '@apigw-private/tools/calls/verify';
import {
  CALLS_TIMEOUT_MS,
  failures,
  verifySynthesized,
} from '@apigw-private/tools/calls/synthesized';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeCalls, readmeCallsOf } from '@apigw-private/tools/calls/readme';
import { appCalls, documentedCalls } from '../src/calls';

let report: AppReport;

beforeAll(async () => {
  report = await verifySynthesized(appCalls());
}, CALLS_TIMEOUT_MS);

describe('apps/on-premises documented calls', () => {
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

  test('the README lists exactly the documented calls (npm run calls -- on-premises --write-readme)', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    expect(readmeCallsOf(readme, 'on-premises')).toBe(readmeCalls(documentedCalls()));
  });
});
