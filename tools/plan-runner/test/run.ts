// Runs the plan runner's CLI (or run-app.js, cdktf-cli's `app` command) as a user would, in a
// child process, and collects its exit code and output.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '../terraform';

export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Running {
  readonly child: ChildProcess;
  /** Everything printed so far, stdout and stderr interleaved. */
  readonly output: () => string;
  readonly done: Promise<Finished>;
}

/** The environment of a run: this one without APIGW_* settings, plus `extra`. */
function envWith(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env))
    if (!name.startsWith('APIGW_') && !name.startsWith('CDKTF_')) env[name] = value;
  return { ...env, ...extra };
}

function start(
  command: string,
  args: readonly string[],
  extra: Record<string, string>,
  cwd: string,
): Running {
  const child = spawn(command, args, { cwd, env: envWith(extra) });
  let stdout = '';
  let stderr = '';
  let both = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    both += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    both += chunk.toString();
  });
  const done = new Promise<Finished>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, output: () => both, done };
}

/** `tsx tools/plan-runner/cli.ts <args>` from the workspace root. */
export function startCli(args: readonly string[], extra: Record<string, string> = {}): Running {
  const tsx = join(workspaceRoot, 'node_modules', '.bin', 'tsx');
  return start(
    tsx,
    [join(workspaceRoot, 'tools', 'plan-runner', 'cli.ts'), ...args],
    extra,
    workspaceRoot,
  );
}

export function runCli(
  args: readonly string[],
  extra: Record<string, string> = {},
): Promise<Finished> {
  return startCli(args, extra).done;
}

/** What cdktf-cli does for `cdktf synth`: the app's `app` command in its folder. */
export function startApp(app: string, extra: Record<string, string> = {}): Running {
  const dir = join(workspaceRoot, 'apps', app);
  return start(
    process.execPath,
    [join(workspaceRoot, 'tools', 'plan-runner', 'run-app.js')],
    extra,
    dir,
  );
}

/** A new empty folder; its `cdktf.out` is the output folder a test runs into. */
export function newOutdir(prefix = 'plan-runner-'): string {
  return join(mkdtempSync(join(tmpdir(), prefix)), 'cdktf.out');
}

/** Resolves once `test` holds for the output so far; fails after `ms`. */
export async function until(
  running: Running,
  test: (output: string) => boolean,
  ms = 120_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test(running.output())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting; output so far:\n${running.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
