// synthesize: staging, then only the synthesized files move into cdktf.out; Terraform's files
// (state, working folder, lock file, plans) never leave their stack folders, and every failure
// leaves the previous output and no staging folder behind.
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { App } from 'cdktf';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ReferenceStack } from '@apigw-private/constructs/app/reference-stack';
import { synthesize } from '@apigw-private/constructs/app/synth';
import { ValidationError } from '@apigw-private/constructs/errors';
import { TERRAFORM_FILES, leftovers, snapshot, withTerraformFiles } from './folder';
import { makeUnwritable } from './read-only';

/** An app with one stack per name, each holding a VPC of the given CIDR. */
function buildStacks(cidr: string, names: readonly string[] = ['one', 'two']) {
  return (app: App) => {
    for (const name of names) {
      const stack = new ReferenceStack(app, name, {
        app: 'x',
        mode: 'offline',
        target: { accountId: '111111111111', region: 'us-east-1' },
      });
      new Vpc(stack, 'vpc', { cidrBlock: cidr });
    }
  };
}

function newOutdir(): string {
  return join(mkdtempSync(join(tmpdir(), 'output-')), 'cdktf.out');
}

const vpcCidrOf = (outdir: string, stack: string): string =>
  Object.values(
    JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')).resource
      .aws_vpc as Record<string, { cidr_block: string }>,
  )[0].cidr_block;

describe('synthesize output', () => {
  test('a good synth replaces cdk.tf.json and keeps state, .terraform, the lock file and plans', () => {
    const outdir = newOutdir();
    synthesize(buildStacks('10.0.0.0/16'), outdir);
    withTerraformFiles(outdir, 'one');
    synthesize(buildStacks('10.1.0.0/16'), outdir);
    expect(vpcCidrOf(outdir, 'one')).toBe('10.1.0.0/16');
    for (const [name, text] of Object.entries(TERRAFORM_FILES))
      expect(readFileSync(join(outdir, 'stacks', 'one', name), 'utf8')).toBe(text);
    expect(leftovers(outdir)).toEqual([]);
  });

  test('a stack the app no longer builds loses its cdk.tf.json but keeps its state', () => {
    const outdir = newOutdir();
    synthesize(buildStacks('10.0.0.0/16'), outdir);
    withTerraformFiles(outdir, 'two');
    synthesize(buildStacks('10.0.0.0/16', ['one']), outdir);
    expect(existsSync(join(outdir, 'stacks', 'two', 'cdk.tf.json'))).toBe(false);
    expect(readFileSync(join(outdir, 'stacks', 'two', 'terraform.tfstate'), 'utf8')).toBe(
      TERRAFORM_FILES['terraform.tfstate'],
    );
    expect(
      JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')).stacks,
    ).not.toHaveProperty('two');
  });

  test('removes what an interrupted synth left (staging folders, backups), never Terraform files', () => {
    const outdir = newOutdir();
    synthesize(buildStacks('10.0.0.0/16'), outdir);
    withTerraformFiles(outdir, 'one');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    mkdirSync(`${outdir}.staging-${dead}-0badf00d/stacks`, { recursive: true });
    writeFileSync(join(outdir, 'stacks', 'one', `cdk.tf.json.replaced-${dead}-0badf00d`), '{}');
    synthesize(buildStacks('10.1.0.0/16'), outdir);
    expect(leftovers(outdir)).toEqual([]);
    for (const [name, text] of Object.entries(TERRAFORM_FILES))
      expect(readFileSync(join(outdir, 'stacks', 'one', name), 'utf8')).toBe(text);
  });

  test('fails when the config is bad, leaving the output, its state and no staging folder', () => {
    const outdir = newOutdir();
    synthesize(buildStacks('10.0.0.0/16'), outdir);
    withTerraformFiles(outdir, 'one');
    const before = snapshot(outdir);
    expect(() =>
      synthesize(() => {
        throw new ValidationError('x config', [
          { code: 'InvalidCidr', path: 'vpcCidr', value: 'nope', allowed: 'must be a CIDR' },
        ]);
      }, outdir),
    ).toThrow('x config: 1 problem\n  - InvalidCidr: vpcCidr must be a CIDR, got "nope"');
    expect(snapshot(outdir)).toEqual(before);
    expect(leftovers(outdir)).toEqual([]);
  });

  test('fails when the config builds no stack, leaving the output as it was', () => {
    const outdir = newOutdir();
    synthesize(buildStacks('10.0.0.0/16'), outdir);
    withTerraformFiles(outdir, 'one');
    const before = snapshot(outdir);
    expect(() => synthesize(buildStacks('10.1.0.0/16', []), outdir)).toThrow(
      "NoStacks: the configuration enables no stack, so there is nothing to synthesize; the previous cdktf.out is untouched. Enable at least one stack in the app's config.",
    );
    expect(snapshot(outdir)).toEqual(before);
    expect(leftovers(outdir)).toEqual([]);
  });

  test('fails when a required stack is not built, naming the stacks there are', () => {
    const outdir = newOutdir();
    synthesize(buildStacks('10.0.0.0/16'), outdir);
    const before = snapshot(outdir);
    expect(() =>
      synthesize(buildStacks('10.1.0.0/16'), outdir, { stacks: ['one', 'no-such-stack'] }),
    ).toThrow(
      'UnknownStack: "no-such-stack" is not a stack of this app; its stacks are one, two. The previous cdktf.out is untouched.',
    );
    expect(snapshot(outdir)).toEqual(before);
    expect(leftovers(outdir)).toEqual([]);
  });

  describe('on a read-only file system', () => {
    const undo: (() => void)[] = [];
    afterEach(() => undo.splice(0).forEach((f) => f()));

    test('fails when the folder holding cdktf.out is read-only, writing nothing', () => {
      const outdir = newOutdir();
      synthesize(buildStacks('10.0.0.0/16'), outdir);
      withTerraformFiles(outdir, 'one');
      const before = snapshot(outdir);
      undo.push(makeUnwritable(dirname(outdir)));
      let message = '';
      try {
        synthesize(buildStacks('10.1.0.0/16'), outdir);
      } catch (error) {
        message = (error as Error).message;
      }
      const staging = `${outdir}.staging-PID-ID`;
      expect(message.replace(/staging-\d+-[0-9a-f]{8}/g, 'staging-PID-ID')).toBe(
        `WriteFailed: could not write the staging folder ${staging}: EPERM (operation not permitted, mkdir '${staging}'); the previous cdktf.out is untouched`,
      );
      expect(snapshot(outdir)).toEqual(before);
      expect(leftovers(outdir)).toEqual([]);
    });

    test('fails when a rename into cdktf.out fails, restoring what it had moved', () => {
      const outdir = newOutdir();
      synthesize(buildStacks('10.0.0.0/16'), outdir);
      withTerraformFiles(outdir, 'one');
      withTerraformFiles(outdir, 'two');
      const before = snapshot(outdir);
      // Stack one is replaced first; stack two's folder then refuses the rename.
      undo.push(makeUnwritable(join(outdir, 'stacks', 'two')));
      let message = '';
      try {
        synthesize(buildStacks('10.1.0.0/16'), outdir);
      } catch (error) {
        message = (error as Error).message;
      }
      const two = join(outdir, 'stacks', 'two', 'cdk.tf.json');
      expect(message.replace(/\.replaced-\d+-[0-9a-f]{8}/g, '.replaced-PID-ID')).toBe(
        `WriteFailed: could not write ${outdir}: EPERM (operation not permitted, rename '${two}' -> '${two}.replaced-PID-ID'); ` +
          "the previous cdktf.out is untouched. Terraform's state and working files never left their stack folders.",
      );
      expect(vpcCidrOf(outdir, 'one')).toBe('10.0.0.0/16');
      expect(snapshot(outdir)).toEqual(before);
      expect(leftovers(outdir)).toEqual([]);
    });
  });
});
