// Types of lock.js (plain CommonJS so that run-app.js can use it under plain node).

/** Who holds a lock, as its lock file records it. */
export interface LockHolder {
  readonly pid: number;
  /** What the holder is doing, e.g. `plan-runner basic`. */
  readonly command: string;
  /** ISO time the lock was taken. */
  readonly since: string;
}

export interface LockOptions {
  /**
   * How messages name the app.
   * @default - `apps/<folder name>`
   */
  readonly label?: string;
  /**
   * What this process is doing, shown to whoever waits on it.
   * @default - the script name
   */
  readonly command?: string;
  /**
   * Wait while another live process holds the lock; false fails at once with LockedError.
   * @default true
   */
  readonly wait?: boolean;
  /**
   * Where the waiting and takeover messages go.
   * @default - standard error
   */
  readonly log?: (line: string) => void;
  /** @default - process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Environment variable a lock holder sets for its children: its pid. */
export const HOLDER_ENV: string;

export class LockedError extends Error {
  readonly holder: LockHolder;
}

/** Takes the lock of an app folder; resolves to the function that releases it. */
export function acquireLock(outdir: string, options?: LockOptions): Promise<() => void>;

/** The lock file of an app folder. */
export function lockFileOf(outdir: string): string;

/** `apps/basic is locked by pid 42 (plan-runner basic, since 09:12:03)` */
export function lockedMessage(label: string, holder: LockHolder): string;

/** True while a process with this pid runs (or exists under another user). */
export function isAlive(pid: number): boolean;
