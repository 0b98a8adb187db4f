// `npm run test:apply`: every stack of every app applies against moto, plans again with no
// change (declared emulator deviations aside), and destroys leaving nothing behind. Writes
// reports/emulator.json like `npm run emulate -- --all`.
import { passed, table, writeReport } from '../cli';
import type { StackReport } from '../harness';
import { listApps } from '@apigw-private/tools/plan-runner/runner';
import { emulate } from '../run';

/** One hour: all 25 stacks took 897 s four at a time (the default) on two cores, 2,480 s one at a time. */
const TIMEOUT_MS = 3_600_000;

describe('every stack against the emulator', () => {
  let reports: StackReport[] = [];

  beforeAll(async () => {
    reports = await emulate({ apps: listApps() });
    writeReport(reports);
    process.stdout.write(`${table(reports)}\n`);
  }, TIMEOUT_MS);

  it('applies, plans again with no change and destroys every stack', () => {
    expect(reports.length).toBeGreaterThanOrEqual(21);
    const failed = reports.filter((r) => !passed(r)).map((r) => `${r.app}/${r.stack}:\n${r.error}`);
    expect(failed).toEqual([]);
  });
});
