// The emulator patches (moto/patches) are Python; their boto3 tests (moto/tests) run here so
// `npm test` runs them. Each test calls the AWS API a patch completes and checks the answer.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { checkMotoInstalled, pythonBinary } from '../moto';

describe('emulator patches', () => {
  it('answer like the AWS API reference in every boto3 test (moto/tests)', () => {
    const python = pythonBinary();
    checkMotoInstalled(python);
    const tests = join(__dirname, '..', 'moto', 'tests');
    const result = spawnSync(
      python,
      ['-m', 'unittest', 'discover', '-v', '-s', tests, '-t', tests],
      {
        cwd: tests,
        encoding: 'utf8',
      },
    );
    if (result.status !== 0)
      throw new Error(`boto3 tests of the patches failed:\n${result.stderr}`);
    expect(result.stderr).toMatch(/^OK$/m);
    expect(result.stderr).toMatch(/Ran \d+ tests/);
  }, 300_000);
});
