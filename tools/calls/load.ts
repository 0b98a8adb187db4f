/**
 * Loads an app's declared calls from apps/<app>/src/calls.ts: `appCalls()` for the config the app
 * synthesizes with, `documentedCalls()` for the built-in defaults that the README and docs show.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppCalls } from '@apigw-private/constructs/calls/declaration';

export const WORKSPACE = resolve(__dirname, '..', '..');

/** By path, at run time: tools never import app code statically. */
export async function loadAppCalls(
  app: string,
  which: 'appCalls' | 'documentedCalls' = 'appCalls',
): Promise<AppCalls> {
  const file = join(WORKSPACE, 'apps', app, 'src', 'calls.ts');
  if (!existsSync(file)) throw new Error(`NoCalls: apps/${app}/src/calls.ts does not exist`);
  const loaded = (await import(file)) as Partial<Record<typeof which, () => AppCalls>>;
  const load = loaded[which];
  if (typeof load !== 'function')
    throw new Error(`NoCalls: apps/${app}/src/calls.ts does not export ${which}()`);
  return load();
}
