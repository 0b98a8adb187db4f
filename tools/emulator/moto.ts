// Starts moto (the AWS API emulator) as a child process on a free loopback port, with the
// emulator patches loaded (moto/server.py), and stops it on success, failure or Ctrl-C.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const MOTO_INSTALL_HINT =
  'moto is not installed for python3: pip install "moto[server]" (Python 3.9 or newer), then run again.';

/** The launcher that loads moto/patches.py and runs moto's server. */
export const SERVER_SCRIPT = join(__dirname, 'moto', 'server.py');

export class EmulatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmulatorError';
  }
}

export interface MotoOptions {
  /** @default - APIGW_PYTHON, else python3 */
  readonly python?: string;
  /** Port to try first; a taken port moves on to a free one. @default - a free port */
  readonly port?: number;
  /** @default - process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Seconds to wait for the server to answer. @default 60 */
  readonly startTimeoutSeconds?: number;
}

export interface Moto {
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  /** Rejects-free: why the server exited, once it has (undefined while it runs). */
  exitReason(): string | undefined;
  /** Empties every backend (POST /moto-api/reset). */
  reset(): Promise<void>;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
}

const MOTO_IMPORT = 'import moto.server, boto3, flask';

/**
 * The Python that runs moto: APIGW_PYTHON when set, else the first `python3` on PATH that can
 * import moto's server. npm and Nx put folders such as /usr/bin ahead of a version manager's
 * shims on PATH, so the first python3 found is not always the one moto was installed into.
 */
export function pythonBinary(env: NodeJS.ProcessEnv = process.env): string {
  if (env.APIGW_PYTHON) return env.APIGW_PYTHON;
  const candidates = [
    ...new Set(
      (env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, 'python3'))
        .filter((file) => existsSync(file)),
    ),
  ];
  const withMoto = candidates.find(
    (file) => spawnSync(file, ['-c', MOTO_IMPORT], { env, stdio: 'ignore' }).status === 0,
  );
  return withMoto ?? 'python3';
}

/** Throws one message saying what to install when python3 or moto's server is missing. */
export function checkMotoInstalled(python: string, env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(python, ['-c', MOTO_IMPORT], {
    encoding: 'utf8',
    env,
  });
  if (result.error) {
    throw new EmulatorError(
      `${python} could not run (${result.error.message}). ${MOTO_INSTALL_HINT}`,
    );
  }
  if (result.status !== 0) throw new EmulatorError(MOTO_INSTALL_HINT);
}

/** True when nothing listens on 127.0.0.1:port. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once('error', () => resolvePromise(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePromise(true)));
  });
}

/** True while a process with this ID exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A port the system hands out as free. */
export function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function ready(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/moto-api/reset-auth`, {
      method: 'GET',
      signal: AbortSignal.timeout(2000),
    });
    return response.status > 0;
  } catch {
    return false;
  }
}

const running = new Set<ChildProcess>();
let handlersInstalled = false;

/** Ctrl-C or termination of this process stops every emulator it started. */
function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const stopAll = () => {
    for (const child of running) child.kill('SIGKILL');
  };
  process.on('exit', stopAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      stopAll();
      process.exit(130);
    });
  }
}

/** Starts moto with the patches on a free loopback port and waits until it answers. */
export async function startMoto(options: MotoOptions = {}): Promise<Moto> {
  const env = options.env ?? process.env;
  const python = options.python ?? pythonBinary(env);
  checkMotoInstalled(python, env);
  let port = options.port ?? (await freePort());
  if (!(await portIsFree(port))) port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(python, [SERVER_SCRIPT, '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true', PYTHONUNBUFFERED: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  installSignalHandlers();
  running.add(child);
  let log = '';
  let exit: string | undefined;
  child.stderr?.on('data', (chunk: Buffer) => {
    // Keep the start of the log (startup errors) and the latest lines (the failing request).
    log = (log + chunk.toString()).slice(-20_000);
  });
  const exited = new Promise<void>((resolvePromise) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      exit = `the emulator (moto, pid ${child.pid}) exited (${signal ?? `code ${code}`})`;
      resolvePromise();
    });
    child.once('error', (error) => {
      running.delete(child);
      exit = `the emulator could not start (${python}: ${error.message}). ${MOTO_INSTALL_HINT}`;
      resolvePromise();
    });
  });

  const stop = async () => {
    if (exit === undefined) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    }
  };

  const deadline = Date.now() + (options.startTimeoutSeconds ?? 60) * 1000;
  while (!(await ready(endpoint))) {
    if (exit !== undefined) throw new EmulatorError(`${exit} while starting:\n${log.trim()}`);
    if (Date.now() > deadline) {
      await stop();
      throw new EmulatorError(`the emulator did not answer on ${endpoint} in time:\n${log.trim()}`);
    }
    await sleep(200);
  }
  return {
    endpoint,
    port,
    pid: child.pid ?? 0,
    exitReason: () => (exit === undefined ? undefined : `${exit}\n${log.trim().slice(-4000)}`),
    reset: async () => {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!response.ok) throw new EmulatorError(`moto reset failed: HTTP ${response.status}`);
    },
    stop,
  };
}

/** Runs `task` with a started emulator and always stops it afterwards. */
export async function withMoto<T>(
  options: MotoOptions,
  task: (moto: Moto) => Promise<T>,
): Promise<T> {
  const moto = await startMoto(options);
  try {
    return await task(moto);
  } finally {
    await moto.stop();
  }
}
