// Makes a folder unwritable for a test, for real. As root, file modes do not stop writes, so the
// folder is made immutable with `chattr +i` where that works, and the helper proves the folder now
// refuses a write; a test that cannot get a read-only folder fails saying what it needs.
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function refusesWrites(dir: string): boolean {
  const probe = join(dir, '.write-probe');
  try {
    writeFileSync(probe, 'x');
  } catch {
    return true;
  }
  rmSync(probe, { force: true });
  return false;
}

/** Makes `dir` refuse writes (new files, renames, removals); returns the function that undoes it. */
export function makeUnwritable(dir: string): () => void {
  const asRoot = process.getuid?.() === 0;
  if (!asRoot) {
    chmodSync(dir, 0o555);
    if (refusesWrites(dir)) return () => chmodSync(dir, 0o755);
    chmodSync(dir, 0o755);
  }
  const set = spawnSync('chattr', ['+i', dir], { encoding: 'utf8' });
  const undo = () => {
    spawnSync('chattr', ['-i', dir]);
  };
  if (set.status === 0 && refusesWrites(dir)) return undo;
  undo();
  throw new Error(
    `cannot make ${dir} read-only for this test: file modes do not stop ${asRoot ? 'root' : 'this user'} and \`chattr +i\` ${
      set.error
        ? 'is not installed (install e2fsprogs)'
        : `failed: ${set.stderr.trim() || 'no effect'}`
    }; run as a user without root, or where chattr works (root or CAP_LINUX_IMMUTABLE on ext4/xfs)`,
  );
}
