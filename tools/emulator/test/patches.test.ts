// The emulator patches (moto/patches) are Python; their boto3 tests run here so `npm test` runs
// them. Each test calls the AWS API a patch completes and checks the answer.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { checkMotoInstalled, pythonBinary } from '../moto';

describe('emulator patches', () => {
  it('answer like the AWS API reference in every boto3 test (moto/test_patches.py)', () => {
    const python = pythonBinary();
    checkMotoInstalled(python);
    const result = spawnSync(python, ['-m', 'unittest', '-v', 'test_patches'], {
      cwd: join(__dirname, '..', 'moto'),
      encoding: 'utf8',
    });
    if (result.status !== 0)
      throw new Error(`boto3 tests of the patches failed:\n${result.stderr}`);
    expect(result.stderr).toMatch(/^OK$/m);
    expect(result.stderr).toMatch(/Ran \d+ tests/);
  }, 120_000);
});
