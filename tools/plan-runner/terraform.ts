// The one way this project runs terraform (the plan runner, the bench and the emulator harness):
//   const { env } = terraformEnv();                       // the project's CLI config, no prompts
//   const { warnings, diagnostics } = await terraform(['plan', '-json', ...], { cwd: stackDir, env });
// `terraform` rejects with a TerraformError naming the command, the folder and Terraform's errors;
// `-json` runs come back with their diagnostics parsed. Also here: provider mirror detection, the
// CLI configuration file, the terraform binary and version check, and the stacks of an outdir.
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
import { randomBytes } from 'node:crypto';
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
    /** Terraform's diagnostics, for `-json` runs. */
    readonly diagnostics: readonly Diagnostic[] = [],
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
  const temporary = uniqueName(file);
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
  /** Send stdout to this file instead of capturing it (written whole or not at all). */
  readonly stdoutFile?: string;
}

/** One diagnostic of a `-json` run (Terraform's machine-readable UI, type `diagnostic`). */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail: string;
  /** The resource address Terraform names, when it names one. */
  readonly address?: string;
  readonly range?: {
    readonly filename: string;
    readonly start: { readonly line: number; readonly column: number };
  };
}

export interface TerraformResult {
  /** What Terraform printed, as text (for `-json` runs: the messages, diagnostics formatted). */
  readonly output: string;
  /** Diagnostics of a `-json` run, each once (plan reports a config warning twice). */
  readonly diagnostics: readonly Diagnostic[];
  /** The diagnostics of severity warning. */
  readonly warnings: readonly Diagnostic[];
}

/** A diagnostic as Terraform's human output shows it: `Warning: summary`, where, then the detail. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const head = `${diagnostic.severity === 'error' ? 'Error' : 'Warning'}: ${diagnostic.summary}`;
  const where = diagnostic.range
    ? `  on ${diagnostic.range.filename} line ${diagnostic.range.start.line}${diagnostic.address ? `, in ${diagnostic.address}` : ''}`
    : diagnostic.address
      ? `  in ${diagnostic.address}`
      : '';
  const detail = diagnostic.detail
    ? diagnostic.detail
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n')
    : '';
  return [head, where, detail].filter(Boolean).join('\n');
}

interface UiLine {
  readonly '@message'?: string;
  readonly type?: string;
  readonly diagnostic?: Diagnostic;
}

/** Reads the lines of a `-json` run: diagnostics apart, every other message as text. */
function parseJsonUi(stdout: string): { text: string[]; diagnostics: Diagnostic[] } {
  const text: string[] = [];
  const seen = new Map<string, Diagnostic>();
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue;
    let parsed: UiLine;
    try {
      parsed = JSON.parse(line) as UiLine;
    } catch {
      text.push(line);
      continue;
    }
    if (parsed.type === 'diagnostic' && parsed.diagnostic) {
      const d = parsed.diagnostic;
      const diagnostic: Diagnostic = {
        severity: d.severity,
        summary: d.summary,
        detail: d.detail ?? '',
        ...(d.address ? { address: d.address } : {}),
        ...(d.range ? { range: d.range } : {}),
      };
      seen.set(JSON.stringify(diagnostic), diagnostic);
    } else if (parsed['@message']) text.push(parsed['@message']);
  }
  return { text, diagnostics: [...seen.values()] };
}

/** A name no other process or call uses, for files written then renamed into place. */
export function uniqueName(file: string): string {
  return `${file}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
}

/**
 * Runs one terraform command in a folder (a stack folder, usually) with the given environment
 * (see `terraformEnv` for the project's CLI configuration). With `-json` among the arguments,
 * Terraform's diagnostics come back parsed, warnings apart. On failure, throws a TerraformError
 * with the command, the folder and what Terraform said (its error diagnostics for `-json` runs).
 */
export function terraform(args: readonly string[], options: RunOptions): Promise<TerraformResult> {
  return new Promise((resolvePromise, reject) => {
    const binary = terraformBinary(options.env);
    const partial = options.stdoutFile ? uniqueName(options.stdoutFile) : undefined;
    const fd = partial ? openSync(partial, 'w') : undefined;
    const child = spawn(binary, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', fd ?? 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let open = fd !== undefined;
    const close = () => {
      if (open && fd !== undefined) closeSync(fd);
      open = false;
    };
    const discard = () => {
      close();
      if (partial) rmSync(partial, { force: true });
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      discard();
      reject(
        new TerraformError(
          `terraform could not start (${binary}: ${error.code ?? error.message}). ${INSTALL_HINT}`,
        ),
      );
    });
    child.on('close', (code) => {
      const json = args.includes('-json') && !partial;
      const ui = json ? parseJsonUi(stdout) : { text: [stdout], diagnostics: [] };
      const output = [...ui.text, ...ui.diagnostics.map(formatDiagnostic), stderr]
        .map((part) => part.trim())
        .filter(Boolean)
        .join('\n');
      const warnings = ui.diagnostics.filter((d) => d.severity === 'warning');
      if (code === 0) {
        close();
        try {
          if (partial && options.stdoutFile) renameSync(partial, options.stdoutFile);
        } catch (error) {
          discard();
          reject(
            new TerraformError(
              `could not write ${options.stdoutFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
            ),
          );
          return;
        }
        resolvePromise({ output, diagnostics: ui.diagnostics, warnings });
        return;
      }
      discard();
      const errors = ui.diagnostics.filter((d) => d.severity === 'error');
      const said = errors.length
        ? [...errors.map(formatDiagnostic), stderr.trim()].filter(Boolean).join('\n\n')
        : output;
      reject(
        new TerraformError(
          `terraform ${args.join(' ')} failed in ${options.cwd} (exit ${code}):`,
          said,
          ui.diagnostics,
        ),
      );
    });
  });
}

/** Runs terraform and resolves to what it printed; on failure throws as `terraform` does. */
export async function runTerraform(args: readonly string[], options: RunOptions): Promise<string> {
  return (await terraform(args, options)).output;
}

/**
 * The environment for terraform with the project's own CLI configuration (provider mirror or
 * plugin cache), no prompts and no checkpoint calls. The plan runner and the emulator harness
 * both run terraform through it.
 */
export function terraformEnv(env: NodeJS.ProcessEnv = process.env): {
  readonly env: NodeJS.ProcessEnv;
  readonly providerSource: ProviderSource;
} {
  const providerSource = findProviderSource(env);
  const tfEnv: NodeJS.ProcessEnv = {
    ...env,
    TF_CLI_CONFIG_FILE: writeCliConfig(providerSource),
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
  };
  delete tfEnv.TF_PLUGIN_CACHE_DIR;
  return { env: tfEnv, providerSource };
}

/**
 * Stacks synthesized into an output folder: the folders of cdktf.out/stacks that hold a
 * cdk.tf.json (a stack the app no longer builds keeps only its Terraform state, if any).
 */
export function listStacks(outdir: string): string[] {
  const stacks = join(outdir, 'stacks');
  if (!existsSync(stacks)) return [];
  return readdirSync(stacks)
    .filter((stack) => existsSync(join(stacks, stack, 'cdk.tf.json')))
    .sort();
}
