// One lock per output folder (`apps/<app>/cdktf.out` by default), so two runs into the same folder
// (two terminals, an editor task and a shell, Nx and cdktf-cli) never bundle, synthesize or plan
// there at once, while runs into folders of their own (plan tests) do not wait on each other. The
// plan runner takes it around synth and plan; run-app.js (the `app` command cdktf-cli runs, with
// CDKTF_OUTDIR) takes it around the bundle and the synth, unless the runner that started it holds it.
//
// Plain CommonJS, so that run-app.js can use it under plain node; lock.d.ts types it.
'use strict';

const {
  linkSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} = require('node:fs');
const { randomBytes } = require('node:crypto');
const { basename, join } = require('node:path');

/** Set for child processes of a lock holder: the holder's pid, so the child does not wait on it. */
const HOLDER_ENV = 'APIGW_LOCK_HOLDER';
const POLL_MS = 200;
/** A takeover that has not finished in this time was interrupted; its guard is removed. */
const TAKEOVER_STALE_MS = 10_000;

class LockedError extends Error {
  constructor(message, holder) {
    super(message);
    this.name = 'LockedError';
    this.holder = holder;
  }
}

/** The lock file of an output folder: inside it, where synth's swap never moves anything. */
function lockFileOf(outdir) {
  return join(outdir, '.plan-runner.lock');
}

function readHolder(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    // Written through a hard link, a lock file is whole or absent; unreadable means foreign.
    return { pid: 0, command: `unreadable lock file ${file}`, since: '' };
  }
}

function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Creates the lock file whole, or not at all when it exists (link fails with EEXIST). */
function tryCreate(file, record) {
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
  writeFileSync(temporary, JSON.stringify(record));
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    if (error.code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** The message both the waiting run and a `--no-wait` run print. */
function lockedMessage(label, holder) {
  const since = holder.since ? `, since ${holder.since.slice(11, 19)}` : '';
  return `${label} is locked by pid ${holder.pid} (${holder.command}${since})`;
}

/**
 * Removes the lock of a dead holder. A guard file makes the check and the removal one step, so
 * two runs that both find the same stale lock never remove each other's fresh one.
 */
function takeOver(file, stale) {
  const guard = `${file}.takeover`;
  try {
    writeFileSync(guard, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
    try {
      if (Date.now() - statSync(guard).mtimeMs > TAKEOVER_STALE_MS) rmSync(guard, { force: true });
    } catch {
      // the guard went away meanwhile
    }
    return false;
  }
  try {
    const holder = readHolder(file);
    if (!holder || holder.pid !== stale.pid || isAlive(holder.pid)) return false;
    unlinkSync(file);
    return true;
  } finally {
    rmSync(guard, { force: true });
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the lock of the output folder `outdir`, waiting while another live process holds it, and resolves to a
 * function that releases it (also released when the process exits). Options:
 *   label    how messages name what is locked, e.g. `apps/basic` (default: the folder's path)
 *   command  what this process is doing, shown to whoever waits on it
 *   wait     false: fail at once with LockedError instead of waiting (default true)
 *   log      where the waiting and takeover messages go (default stderr)
 *   env      to find a holder's pid handed down to this child (default process.env)
 */
async function acquireLock(outdir, options = {}) {
  const file = lockFileOf(outdir);
  mkdirSync(outdir, { recursive: true });
  const label = options.label ?? outdir;
  const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  const env = options.env ?? process.env;
  const held = readHolder(file);
  if (held && env[HOLDER_ENV] && String(held.pid) === env[HOLDER_ENV]) return () => undefined;
  const record = {
    pid: process.pid,
    command: options.command ?? basename(process.argv[1] ?? process.argv0),
    since: new Date().toISOString(),
  };
  let announced;
  for (;;) {
    if (tryCreate(file, record)) break;
    const holder = readHolder(file);
    if (!holder) continue;
    if (!isAlive(holder.pid)) {
      if (takeOver(file, holder))
        log(`${label}: took over the lock of pid ${holder.pid}, which is no longer running`);
      else await sleep(POLL_MS);
      continue;
    }
    const message = lockedMessage(label, holder);
    if (options.wait === false) throw new LockedError(message, holder);
    if (announced !== holder.pid) {
      log(`${message}; waiting for it to finish`);
      announced = holder.pid;
    }
    await sleep(POLL_MS);
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    const holder = readHolder(file);
    if (holder && holder.pid === process.pid) rmSync(file, { force: true });
  };
  process.on('exit', release);
  return release;
}

module.exports = { HOLDER_ENV, LockedError, acquireLock, isAlive, lockFileOf, lockedMessage };
