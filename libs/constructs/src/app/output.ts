import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Files Terraform keeps in a stack folder between runs: working directory, dependency lock,
 * local state and its backups, and the plan runner's plan files. They never leave their stack
 * folder; only what synth writes (cdk.tf.json, assets) is replaced.
 */
export const TERRAFORM_FILES =
  /^(\.terraform|\.terraform\.lock\.hcl|terraform\.tfstate.*|plan\..*)$/;

/** Thrown when synth output cannot be written; says what happened to the previous output. */
export class OutputError extends Error {
  constructor(
    readonly code: 'WriteFailed' | 'NoStacks' | 'UnknownStack',
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'OutputError';
  }
}

const KEPT_NOTE = "Terraform's state and working files never left their stack folders";

/** `EPERM (operation not permitted, rename 'a' -> 'b')` for a failed file system call. */
export function ioReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code} (${e.message.replace(/^[A-Z]+: /, '')})` : String(e.message ?? e);
}

/** A staging folder name unique to this process and call, beside the output folder. */
export function stagingFolder(target: string): string {
  return `${target}.staging-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Removes the entries of `dir` named `<anything><marker><pid>-…` whose process no longer runs. */
function removeLeftBy(dir: string, marker: string): void {
  for (const name of entries(dir)) {
    const at = name.indexOf(marker);
    if (at < 0) continue;
    const pid = Number(name.slice(at + marker.length).split('-')[0]);
    if (pid !== process.pid && !isAlive(pid))
      rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/**
 * Removes what an interrupted synth (killed, or the machine stopped) left: staging folders beside
 * `target` and backups inside it. Terraform's files are never among them.
 */
export function removeStaleStaging(target: string): void {
  removeLeftBy(dirname(target), `${basename(target)}.staging-`);
  removeLeftBy(target, '.replaced-');
  for (const stack of entries(join(target, 'stacks')))
    removeLeftBy(join(target, 'stacks', stack), '.replaced-');
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A file synth wrote: not Terraform's, and not a backup of this or an interrupted swap. */
function isSynthesized(name: string): boolean {
  return !TERRAFORM_FILES.test(name) && !name.includes('.replaced-');
}

function entries(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/**
 * Moves freshly synthesized files from `staging` into `target`, one rename per file or asset
 * folder, and removes the synthesized files of stacks the app no longer builds. Terraform's files
 * in each stack folder stay where they are. When a rename fails, every rename done so far is
 * undone, so the previous output is left as it was; the error says whether that worked.
 */
export function replaceOutput(staging: string, target: string): void {
  const suffix = `.replaced-${process.pid}-${randomBytes(4).toString('hex')}`;
  const done: { from: string; to: string }[] = [];
  const created: string[] = [];
  const move = (from: string, to: string) => {
    renameSync(from, to);
    done.push({ from, to });
  };
  /** Puts `fresh` (if any) at `path`, keeping what was there under a backup name until the end. */
  const replace = (fresh: string | undefined, path: string) => {
    if (existsSync(path)) move(path, `${path}${suffix}`);
    if (fresh) move(fresh, path);
  };
  const ensureDir = (dir: string) => {
    if (existsSync(dir)) return;
    ensureDir(dirname(dir));
    mkdirSync(dir);
    created.push(dir);
  };
  const built = entries(join(staging, 'stacks'));
  try {
    ensureDir(join(target, 'stacks'));
    for (const stack of built) {
      const from = join(staging, 'stacks', stack);
      const to = join(target, 'stacks', stack);
      ensureDir(to);
      const fresh = entries(from);
      for (const name of fresh) replace(join(from, name), join(to, name));
      for (const name of entries(to)) {
        if (!fresh.includes(name) && isSynthesized(name)) replace(undefined, join(to, name));
      }
    }
    for (const stack of entries(join(target, 'stacks'))) {
      if (built.includes(stack)) continue;
      const dir = join(target, 'stacks', stack);
      for (const name of entries(dir)) if (isSynthesized(name)) replace(undefined, join(dir, name));
    }
    // The manifest last: a reader that finds the new manifest finds the new stacks too.
    const top = entries(staging).filter((name) => name !== 'stacks');
    top.sort((a, b) => Number(a === 'manifest.json') - Number(b === 'manifest.json'));
    for (const name of top) replace(join(staging, name), join(target, name));
  } catch (error) {
    const failed: string[] = [];
    for (const { from, to } of done.reverse()) {
      try {
        renameSync(to, from);
      } catch {
        failed.push(from);
      }
    }
    for (const dir of created.reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        // a folder the rollback could not empty stays; it holds nothing of the previous output
      }
    }
    rmSync(staging, { recursive: true, force: true });
    const state =
      failed.length === 0
        ? `the previous ${basename(target)} is untouched`
        : `${basename(target)} is partly replaced: could not restore ${failed.join(', ')}`;
    throw new OutputError(
      'WriteFailed',
      `could not write ${target}: ${ioReason(error)}; ${state}. ${KEPT_NOTE}.`,
    );
  }
  // The new output is in place; tidying up is best effort (the next synth removes what is left).
  try {
    for (const { to } of done) {
      if (to.endsWith(suffix)) rmSync(to, { recursive: true, force: true });
    }
    for (const stack of entries(join(target, 'stacks'))) {
      const dir = join(target, 'stacks', stack);
      if (entries(dir).length === 0) rmdirSync(dir);
    }
    rmSync(staging, { recursive: true, force: true });
  } catch {
    // left for removeStaleStaging
  }
}
