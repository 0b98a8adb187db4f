// The plan runner's synth faults, run as a user runs them (the CLI in a child process, real apps,
// an output folder of the test's own): each is one message, a non-zero exit, no stack trace, and
// the previous output with Terraform's files exactly as it was.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TERRAFORM_FILES, leftovers, snapshot, withTerraformFiles } from './folder';
import { makeUnwritable } from './read-only';
import { listApps } from '../runner';
import { newOutdir, runCli, startApp } from './run';

const TIMEOUT = 180_000;
const STACK_TRACE = /\n\s+at /;

/** A synthesized apps/basic in a folder of the test's own, with a user's Terraform files. */
async function synthesizedBasic(): Promise<string> {
  const outdir = newOutdir();
  const first = await runCli(['basic', '--synth-only', '--outdir', outdir]);
  expect(first).toEqual(expect.objectContaining({ code: 0, stderr: '' }));
  withTerraformFiles(outdir, 'basic');
  return outdir;
}

describe('plan-runner synth', () => {
  test(
    "a good synth replaces cdk.tf.json and leaves the stack folder's state, .terraform, lock file and plans",
    async () => {
      const outdir = await synthesizedBasic();
      const result = await runCli(['basic', '--synth-only', '--outdir', outdir], {
        APIGW__network__vpcCidr: '10.20.0.0/16',
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^basic: synth \d+\.\d\ds \(offline\)\n$/);
      for (const [name, text] of Object.entries(TERRAFORM_FILES))
        expect(readFileSync(join(outdir, 'stacks', 'basic', name), 'utf8')).toBe(text);
      expect(readFileSync(join(outdir, 'stacks', 'basic', 'cdk.tf.json'), 'utf8')).toContain(
        '"cidr_block": "10.20.0.0/16"',
      );
      expect(leftovers(outdir)).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    'fails when --stack names no stack of the app, listing its stacks and writing nothing',
    async () => {
      const outdir = await synthesizedBasic();
      const before = snapshot(outdir);
      const result = await runCli(['basic', '--stack', 'no-such-stack', '--outdir', outdir]);
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'Synth of apps/basic failed:\nUnknownStack: "no-such-stack" is not a stack of this app; its stacks are basic, basic-private-dns-off. The previous cdktf.out is untouched.\n',
      });
      expect(snapshot(outdir)).toEqual(before);
      expect(leftovers(outdir)).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    'fails when --stack names no stack of the app without a synth, before terraform runs',
    async () => {
      const outdir = await synthesizedBasic();
      const before = snapshot(outdir);
      const result = await runCli(['basic', '--no-synth', '--stack', 'nope', '--outdir', outdir]);
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'UnknownStack: "nope" is not a stack of apps/basic; its stacks are basic, basic-private-dns-off.\n',
      });
      expect(snapshot(outdir)).toEqual(before);
    },
    TIMEOUT,
  );

  test(
    'fails when the config enables no stack, leaving the previous output',
    async () => {
      const outdir = newOutdir();
      const first = await runCli(['ecs-private', '--synth-only', '--outdir', outdir]);
      expect(first.code).toBe(0);
      withTerraformFiles(outdir, 'rest-nlb');
      const before = snapshot(outdir);
      const off: Record<string, string> = {};
      for (const variant of ['restNlb', 'restNlbAlb', 'httpAlb', 'httpNlb', 'httpCloudMap'])
        off[`APIGW__variants__${variant}__enabled`] = 'false';
      const result = await runCli(['ecs-private', '--outdir', outdir], off);
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr:
          "Synth of apps/ecs-private failed:\nNoStacks: the configuration enables no stack, so there is nothing to synthesize; the previous cdktf.out is untouched. Enable at least one stack in the app's config.\n",
      });
      expect(snapshot(outdir)).toEqual(before);
      expect(leftovers(outdir)).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    'fails when the config is bad, leaving the previous output and its state',
    async () => {
      const outdir = await synthesizedBasic();
      const before = snapshot(outdir);
      const result = await runCli(['basic', '--outdir', outdir], {
        APIGW__network__vpcCidr: 'not-a-cidr',
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^Synth of apps\/basic failed:\n/);
      expect(result.stderr).toContain('network.vpcCidr');
      expect(result.stderr).toContain('"not-a-cidr"');
      expect(result.stderr).not.toMatch(STACK_TRACE);
      expect(snapshot(outdir)).toEqual(before);
      expect(leftovers(outdir)).toEqual([]);
    },
    TIMEOUT,
  );

  describe('on a read-only folder', () => {
    const undo: (() => void)[] = [];
    afterEach(() => undo.splice(0).forEach((f) => f()));

    test(
      'fails when the folder holding cdktf.out is read-only, with one message and the output as it was',
      async () => {
        const outdir = await synthesizedBasic();
        const before = snapshot(outdir);
        undo.push(makeUnwritable(dirname(outdir)));
        const result = await runCli(['basic', '--synth-only', '--outdir', outdir]);
        const staging = `${outdir}.staging-PID-ID`;
        expect({
          ...result,
          stderr: result.stderr.replace(/staging-\d+-[0-9a-f]{8}/g, 'staging-PID-ID'),
        }).toEqual({
          code: 1,
          stdout: '',
          stderr: `Synth of apps/basic failed:\nWriteFailed: could not write the staging folder ${staging}: EPERM (operation not permitted, mkdir '${staging}'); the previous cdktf.out is untouched\n`,
        });
        expect(snapshot(outdir)).toEqual(before);
        undo.splice(0).forEach((f) => f());
        expect(leftovers(outdir)).toEqual([]);
      },
      TIMEOUT,
    );
  });
});

describe('plan-runner errors', () => {
  test('an unknown APIGW_MODE is one message, no stack trace', async () => {
    const result = await runCli(['basic', '--synth-only', '--outdir', newOutdir()], {
      APIGW_MODE: 'prod',
    });
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'InvalidMode: APIGW_MODE must be "offline" or "deploy", got "prod"\n',
    });
  });

  test('APIGW_DEBUG=1 adds the stack trace', async () => {
    const result = await runCli(['basic', '--synth-only', '--outdir', newOutdir()], {
      APIGW_MODE: 'prod',
      APIGW_DEBUG: '1',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Error: InvalidMode: APIGW_MODE must be "offline" or "deploy", got "prod"\n\s+at /,
    );
  });

  test('--no-synth on a folder with no synthesized stack says to synthesize first', async () => {
    const outdir = newOutdir();
    const result = await runCli(['basic', '--no-synth', '--outdir', outdir]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `No synthesized stack in ${outdir}; synthesize first (npm run synth, or leave out --no-synth).\n`,
    });
  });

  test('an unknown app names the apps there are', async () => {
    const result = await runCli(['no-such-app']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      `no app no-such-app; the apps are ${listApps().join(', ')}`,
    );
  });

  test("cdktf-cli's app command prints the same one message for an unknown APIGW_MODE", async () => {
    const result = await startApp('basic', {
      APIGW_MODE: 'prod',
      CDKTF_OUTDIR: newOutdir(),
    }).done;
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'InvalidMode: APIGW_MODE must be "offline" or "deploy", got "prod"\n',
    });
  });
});
