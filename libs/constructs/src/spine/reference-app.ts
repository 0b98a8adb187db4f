import type { App } from 'cdktf';
import { join } from 'node:path';
import type { z } from 'zod';
import { runApp } from '../app/synth';
import { loadConfig } from '../config/load';
import { Mode, resolveMode } from '../providers/mode';

/** What an app's `stacks` function gets: the cdktf app, the validated config, the mode. */
export interface ReferenceAppContext<C> {
  readonly app: App;
  readonly config: C;
  readonly mode: Mode;
}

export interface ReferenceAppOptions<S extends z.ZodType> {
  /** App folder name, e.g. `basic`; used in error messages. */
  readonly app: string;
  /**
   * The folder of the app's main.ts (pass `__dirname`); its parent holds `config.local.json`.
   */
  readonly dir: string;
  /** The app's config schema. */
  readonly schema: S;
  /** Builds the app's stacks. Stack IDs are part of the contract (state keys, cdktf.out). */
  readonly stacks: (context: ReferenceAppContext<z.output<S>>) => void;
}

/**
 * The body of every app's main.ts: loads and validates the config (defaults, then
 * `APIGW_CONFIG_FILE` or `<app>/config.local.json`, then `APIGW__` variables) before any
 * construct is built, resolves the mode, builds the stacks and synthesizes. Bad config prints
 * the one error that lists every problem and exits non-zero.
 */
export function runReferenceApp<S extends z.ZodType>(options: ReferenceAppOptions<S>): void {
  runApp((app) => {
    const config = loadConfig({
      app: options.app,
      schema: options.schema,
      file: join(options.dir, '..', 'config.local.json'),
    });
    options.stacks({ app, config, mode: resolveMode() });
  });
}
