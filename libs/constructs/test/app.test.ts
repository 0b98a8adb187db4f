import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { App, Testing } from 'cdktf';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountScope, targetOf } from '../src/app/account-scope';
import { ReferenceStack } from '../src/app/reference-stack';
import { synthesize } from '../src/app/synth';
import { ValidationError } from '../src/errors';
import { hasAwsCredentials, resolveMode } from '../src/providers/mode';
import { synthObject, testStack } from './helpers';

describe('ReferenceStack providers', () => {
  test('offline: dummy keys, every skip flag, no assume_role, local state', () => {
    const stack = testStack('offline');
    const synthesized = synthObject(stack);
    expect(synthesized.provider.aws).toEqual([
      expect.objectContaining({
        region: 'us-east-1',
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: 'true',
        skip_region_validation: true,
        access_key: expect.any(String),
        secret_key: expect.any(String),
      }),
    ]);
    expect(synthesized.provider.aws[0]).not.toHaveProperty('assume_role');
    expect(synthesized.terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
  });

  test('deploy: the credential chain, assume_role into the account, allowed_account_ids', () => {
    const stack = new ReferenceStack(Testing.app(), 'orders', {
      app: 'basic',
      mode: 'deploy',
      target: { accountId: '123456789012', region: 'eu-west-1', roleName: 'deployer' },
      backend: { bucket: 'tf-state', region: 'eu-west-1', keyPrefix: 'platform' },
    });
    const synthesized = synthObject(stack);
    const provider = synthesized.provider.aws[0];
    expect(provider).not.toHaveProperty('access_key');
    expect(provider).not.toHaveProperty('skip_credentials_validation');
    expect(provider.allowed_account_ids).toEqual(['123456789012']);
    expect(provider.assume_role).toEqual([
      expect.objectContaining({ role_arn: 'arn:aws:iam::123456789012:role/deployer' }),
    ]);
    expect(synthesized.terraform.backend).toEqual({
      s3: {
        bucket: 'tf-state',
        region: 'eu-west-1',
        key: 'platform/basic/orders.tfstate',
        encrypt: true,
        use_lockfile: true,
      },
    });
  });

  test('every resource carries the project, app and stack tags', () => {
    const stack = testStack();
    const tags = (
      synthObject(stack).provider.aws[0].default_tags as { tags: Record<string, string> }[]
    )[0].tags;
    expect(tags).toEqual({
      Project: 'apigw-private-reference',
      App: 'test',
      Stack: 'test',
      ManagedBy: 'cdktf',
    });
  });

  test('an AccountScope gives its resources an aliased provider for another account', () => {
    const stack = testStack();
    const scope = new AccountScope(stack, 'consumer', {
      alias: 'consumer',
      target: { accountId: '222222222222', region: 'us-east-1' },
    });
    const vpc = new Vpc(scope, 'vpc', { cidrBlock: '10.1.0.0/16' });
    expect(targetOf(vpc)).toEqual({ accountId: '222222222222', region: 'us-east-1' });
    const synthesized = synthObject(stack);
    expect(synthesized.provider.aws.map((p) => p.alias ?? 'default')).toEqual([
      'default',
      'consumer',
    ]);
    expect(Object.values(synthesized.resource.aws_vpc)[0]).toEqual(
      expect.objectContaining({ provider: 'aws.consumer' }),
    );
  });
});

describe('resolveMode', () => {
  const noHome = { HOME: '/nonexistent-home' };
  test('APIGW_MODE forces either way', () => {
    expect(resolveMode({ ...noHome, APIGW_MODE: 'deploy', CI: 'true' })).toBe('deploy');
    expect(resolveMode({ ...noHome, APIGW_MODE: 'offline', AWS_PROFILE: 'prod' })).toBe('offline');
  });
  test('offline in CI and tests, and without credentials', () => {
    expect(resolveMode({ ...noHome, CI: 'true', AWS_PROFILE: 'prod' })).toBe('offline');
    expect(resolveMode({ ...noHome, JEST_WORKER_ID: '1', AWS_ACCESS_KEY_ID: 'AKIA' })).toBe(
      'offline',
    );
    expect(resolveMode({ ...noHome })).toBe('offline');
  });
  test('deploy when credentials are present outside CI', () => {
    expect(resolveMode({ ...noHome, AWS_PROFILE: 'prod' })).toBe('deploy');
    expect(hasAwsCredentials({ ...noHome, AWS_WEB_IDENTITY_TOKEN_FILE: '/token' })).toBe(true);
  });
  test('fails on an unknown mode', () => {
    expect(() => resolveMode({ APIGW_MODE: 'prod' })).toThrow(
      /InvalidMode: APIGW_MODE must be "offline" or "deploy", got "prod"/,
    );
  });
});

describe('synthesize', () => {
  function build(app: App, fail: boolean) {
    const stack = new ReferenceStack(app, 'one', {
      app: 'x',
      mode: 'offline',
      target: { accountId: '111111111111', region: 'us-east-1' },
    });
    new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
    if (fail)
      throw new ValidationError('x config', [
        { code: 'InvalidCidr', path: 'vpcCidr', value: 'nope', allowed: 'must be a CIDR' },
      ]);
  }

  test('writes every stack and replaces the previous output', () => {
    const outdir = join(mkdtempSync(join(tmpdir(), 'synth-')), 'cdktf.out');
    synthesize((app) => build(app, false), outdir);
    expect(
      JSON.parse(readFileSync(join(outdir, 'stacks', 'one', 'cdk.tf.json'), 'utf8')).resource
        .aws_vpc,
    ).toBeDefined();
    synthesize((app) => build(app, false), outdir);
    expect(existsSync(join(outdir, 'manifest.json'))).toBe(true);
  });

  test('a failed synth leaves the previous output untouched', () => {
    const outdir = join(mkdtempSync(join(tmpdir(), 'synth-')), 'cdktf.out');
    synthesize((app) => build(app, false), outdir);
    const before = readFileSync(join(outdir, 'stacks', 'one', 'cdk.tf.json'), 'utf8');
    expect(() => synthesize((app) => build(app, true), outdir)).toThrow(
      /InvalidCidr: vpcCidr must be a CIDR, got "nope"/,
    );
    expect(readFileSync(join(outdir, 'stacks', 'one', 'cdk.tf.json'), 'utf8')).toBe(before);
    expect(existsSync(`${outdir}.staging-${process.pid}`)).toBe(false);
  });
});
