// The plan runner's terraform step on small hand-written stacks (no synth): a failed plan is one
// message with Terraform's own diagnostics, and warnings are counted per stack, in full with
// --verbose.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AWS_PROVIDER } from '../terraform';
import { newOutdir, runCli } from './run';

const TIMEOUT = 180_000;

function writeStack(outdir: string, stack: string, json: unknown): string {
  const dir = join(outdir, 'stacks', stack);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(json, null, 2));
  return dir;
}

/** An offline AWS provider and one IAM role with the deprecated managed_policy_arns argument. */
const DEPRECATED = {
  terraform: {
    required_providers: { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER.version } },
  },
  provider: {
    aws: [
      {
        region: 'us-east-1',
        access_key: 'offline',
        secret_key: 'offline',
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
      },
    ],
  },
  resource: {
    aws_iam_role: {
      r: {
        name: 'r',
        assume_role_policy: '{}',
        managed_policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      },
    },
  },
};

const WARNING = [
  '    Warning: Argument is deprecated',
  '      on cdk.tf.json line 28, in aws_iam_role.r',
  '      managed_policy_arns is deprecated. Use the aws_iam_role_policy_attachment resource instead. If Terraform should exclusively manage all managed policy attachments (the current behavior of this argument), use the aws_iam_role_policy_attachments_exclusive resource as well.',
].join('\n');

const timings = (text: string) => text.replace(/\d+\.\ds/g, 'N.Ns');

describe('plan-runner plan', () => {
  test(
    'fails when terraform plan fails: one message with the command, the folder and the error, and no stale plan.json',
    async () => {
      const outdir = newOutdir();
      const dir = writeStack(outdir, 'broken', {
        resource: { terraform_data: { x: { nonsense: 1 } } },
      });
      writeFileSync(join(dir, 'plan.json'), '{"from":"an earlier plan"}');
      const result = await runCli(['basic', '--no-synth', '--outdir', outdir]);
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr: [
          `terraform plan -refresh=false -input=false -no-color -lock=false -json -out=plan.tfplan failed in ${dir} (exit 1):`,
          'Error: Extraneous JSON object property',
          '  on cdk.tf.json line 5',
          '  No argument or block type is named "nonsense".',
          `(${join(dir, 'plan.json')} from an earlier plan was removed: it no longer matched cdk.tf.json)`,
          '',
        ].join('\n'),
      });
      expect(existsSync(join(dir, 'plan.json'))).toBe(false);
      expect(readdirSync(dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    'counts Terraform warnings per stack on one line, and prints them in full with --verbose',
    async () => {
      const outdir = newOutdir();
      const dir = writeStack(outdir, 'deprecated', DEPRECATED);
      writeStack(outdir, 'clean', { resource: { terraform_data: { x: { input: 'ok' } } } });
      const quiet = await runCli(['basic', '--no-synth', '--concurrency', '1', '--outdir', outdir]);
      expect(quiet.code).toBe(0);
      expect(timings(quiet.stdout)).toBe(
        [
          `basic/clean: init N.Ns, plan N.Ns, show N.Ns, 0 warnings -> ${join(outdir, 'stacks', 'clean', 'plan.json')}`,
          `basic/deprecated: init N.Ns, plan N.Ns, show N.Ns, 1 warning (--verbose shows them) -> ${join(dir, 'plan.json')}`,
          '',
        ].join('\n'),
      );
      const verbose = await runCli([
        'basic',
        '--no-synth',
        '--stack',
        'deprecated',
        '--verbose',
        '--outdir',
        outdir,
      ]);
      expect(verbose.code).toBe(0);
      expect(timings(verbose.stdout)).toBe(
        `basic/deprecated: init N.Ns, plan N.Ns, show N.Ns, 1 warning -> ${join(dir, 'plan.json')}\n${WARNING}\n`,
      );
    },
    TIMEOUT,
  );
});
