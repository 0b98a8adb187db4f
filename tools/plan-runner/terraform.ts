import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The provider every stack pins (generated binding @cdktf/provider-aws 20.1.0). */
export const AWS_PROVIDER = { source: 'registry.terraform.io/hashicorp/aws', version: '5.100.0' };

/** Environment variable naming a filesystem mirror that holds the AWS provider. */
export const MIRROR_ENV = 'APIGW_TF_PROVIDER_MIRROR';
/** Environment variable naming the terraform binary. */
export const TERRAFORM_ENV = 'APIGW_TERRAFORM';

export const workspaceRoot = resolve(__dirname, '..', '..');
export const cliDir = join(workspaceRoot, '.terraform-cli');

export class TerraformError extends Error {
  constructor(
    message: string,
    readonly output = '',
  ) {
    super(output ? `${message}\n${output}` : message);
    this.name = 'TerraformError';
  }
}

function platform(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  return `${process.platform}_${arch}`;
}

/** True when `dir` is a filesystem mirror (packed or unpacked layout) with the pinned provider. */
export function mirrorHasProvider(dir: string): boolean {
  const base = join(dir, AWS_PROVIDER.source);
  return (
    existsSync(join(base, AWS_PROVIDER.version, platform())) ||
    existsSync(join(base, `terraform-provider-aws_${AWS_PROVIDER.version}_${platform()}.zip`))
  );
}

/**
 * Terraform's implied local mirror folders, and /opt/tf-plugins, where images built for offline
 * work (this project's CI machines among them) keep providers.
 */
export function standardMirrorPlaces(env: NodeJS.ProcessEnv = process.env): string[] {
  const home = env.HOME ?? homedir();
  const dataHome = env.XDG_DATA_HOME ?? join(home, '.local', 'share');
  const dataDirs = (env.XDG_DATA_DIRS ?? '/usr/local/share:/usr/share').split(':').filter(Boolean);
  return [
    join(home, '.terraform.d', 'plugins'),
    join(dataHome, 'terraform', 'plugins'),
    ...dataDirs.map((d) => join(d, 'terraform', 'plugins')),
    '/opt/tf-plugins',
  ];
}

export interface ProviderSource {
  readonly kind: 'mirror' | 'download';
  /** The mirror folder, for kind `mirror`. */
  readonly path?: string;
  /** Why this source was chosen, for the log. */
  readonly reason: string;
}

/** The mirror named by APIGW_TF_PROVIDER_MIRROR, else one found in a standard place, else download. */
export function findProviderSource(env: NodeJS.ProcessEnv = process.env): ProviderSource {
  const named = env[MIRROR_ENV];
  if (named) {
    if (!mirrorHasProvider(named)) {
      throw new TerraformError(
        `${MIRROR_ENV}=${named} does not hold ${AWS_PROVIDER.source} ${AWS_PROVIDER.version} for ${platform()}; ` +
          'fix the path or unset the variable to download the provider.',
      );
    }
    return { kind: 'mirror', path: resolve(named), reason: `${MIRROR_ENV}` };
  }
  const found = standardMirrorPlaces(env).find(mirrorHasProvider);
  if (found) return { kind: 'mirror', path: found, reason: 'found in a standard place' };
  return { kind: 'download', reason: 'no mirror found; providers come from the registry' };
}

/**
 * Writes the project's own Terraform CLI configuration and returns its path. With a mirror, the
 * AWS provider comes only from it (Terraform links it into each stack, nothing is copied). Without
 * one, providers are downloaded once into a workspace plugin cache that every stack links from.
 */
export function writeCliConfig(source: ProviderSource): string {
  mkdirSync(cliDir, { recursive: true });
  const lines =
    source.kind === 'mirror'
      ? [
          'provider_installation {',
          '  filesystem_mirror {',
          `    path    = ${JSON.stringify(source.path)}`,
          `    include = [${JSON.stringify(AWS_PROVIDER.source)}]`,
          '  }',
          '  direct {',
          `    exclude = [${JSON.stringify(AWS_PROVIDER.source)}]`,
          '  }',
          '}',
        ]
      : [
          `plugin_cache_dir = ${JSON.stringify(join(cliDir, 'plugin-cache'))}`,
          'disable_checkpoint = true',
        ];
  if (source.kind === 'mirror') lines.push('disable_checkpoint = true');
  const file = join(cliDir, `terraformrc-${source.kind}`);
  const text = `# Written by tools/plan-runner; do not edit. Source: ${source.reason}.\n${lines.join('\n')}\n`;
  // Write through a temporary name so a concurrent runner never reads half a file.
  const temporary = `${file}.${process.pid}`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
  if (source.kind === 'download') mkdirSync(join(cliDir, 'plugin-cache'), { recursive: true });
  return file;
}

/** The terraform binary: APIGW_TERRAFORM, else `terraform` on PATH. */
export function terraformBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env[TERRAFORM_ENV] || 'terraform';
}

export const INSTALL_HINT =
  'Install Terraform 1.10 or newer (https://developer.hashicorp.com/terraform/install, or your package manager), ' +
  `make sure \`terraform\` is on PATH or set ${TERRAFORM_ENV} to its path, then run again.`;

/** Checks that terraform runs and returns its version; throws one clear message when it does not. */
export function terraformVersion(env: NodeJS.ProcessEnv = process.env): string {
  const binary = terraformBinary(env);
  const result = spawnSync(binary, ['version', '-json'], {
    encoding: 'utf8',
    env: { ...env, CHECKPOINT_DISABLE: '1' },
  });
  if (result.error || result.status !== 0) {
    const why = result.error
      ? ((result.error as NodeJS.ErrnoException).code ?? result.error.message)
      : `exit ${result.status}`;
    throw new TerraformError(`terraform is not available (${binary}: ${why}). ${INSTALL_HINT}`);
  }
  return (JSON.parse(result.stdout) as { terraform_version: string }).terraform_version;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Send stdout to this file instead of capturing it. */
  readonly stdoutFile?: string;
}

/** Runs terraform; on failure throws with the command and everything terraform printed. */
export function runTerraform(args: readonly string[], options: RunOptions): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const binary = terraformBinary(options.env);
    const fd = options.stdoutFile ? openSync(`${options.stdoutFile}.partial`, 'w') : undefined;
    const child = spawn(binary, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', fd ?? 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (fd !== undefined) closeSync(fd);
      reject(
        new TerraformError(
          `terraform could not start (${binary}: ${error.code ?? error.message}). ${INSTALL_HINT}`,
        ),
      );
    });
    child.on('close', (code) => {
      if (fd !== undefined) closeSync(fd);
      if (code === 0) {
        if (options.stdoutFile) renameSync(`${options.stdoutFile}.partial`, options.stdoutFile);
        resolvePromise(output);
      } else {
        if (options.stdoutFile) rmSync(`${options.stdoutFile}.partial`, { force: true });
        reject(
          new TerraformError(
            `terraform ${args.join(' ')} failed in ${options.cwd} (exit ${code}):`,
            output.trim(),
          ),
        );
      }
    });
  });
}

/** Stack folder names under an app's cdktf.out/stacks. */
export function listStacks(outdir: string): string[] {
  const stacks = join(outdir, 'stacks');
  return existsSync(stacks) ? readdirSync(stacks).sort() : [];
}
