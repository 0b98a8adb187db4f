import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appDir } from '../runner';
import { synthInto } from '../synth-into';

describe('synthInto', () => {
  const out = mkdtempSync(join(tmpdir(), 'apigw-synth-into-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("writes an app's stacks to the given folder and leaves its own cdktf.out alone", async () => {
    const own = join(appDir('basic'), 'cdktf.out', 'manifest.json');
    const before = existsSync(own) ? statSync(own).mtimeMs : undefined;
    await synthInto('basic', out);
    expect(readdirSync(join(out, 'stacks')).sort()).toEqual(['basic', 'basic-private-dns-off']);
    expect(existsSync(join(out, 'stacks', 'basic', 'cdk.tf.json'))).toBe(true);
    expect(existsSync(own) ? statSync(own).mtimeMs : undefined).toBe(before);
  }, 120_000);

  it('fails with SynthError when the app has no entry point', async () => {
    await expect(synthInto('no-such-app', out)).rejects.toThrow('no-such-app');
  });
});
