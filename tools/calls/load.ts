/** Loads an app's declared calls (apps/<app>/src/calls.ts, which exports `appCalls()`). */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppCalls } from '@apigw-private/constructs/calls/declaration';

export const WORKSPACE = resolve(__dirname, '..', '..');

/** By path, at run time: tools never import app code statically. */
export async function loadAppCalls(app: string): Promise<AppCalls> {
  const file = join(WORKSPACE, 'apps', app, 'src', 'calls.ts');
  if (!existsSync(file)) throw new Error(`NoCalls: apps/${app}/src/calls.ts does not exist`);
  const loaded = (await import(file)) as { appCalls?: () => AppCalls };
  if (typeof loaded.appCalls !== 'function')
    throw new Error(`NoCalls: apps/${app}/src/calls.ts does not export appCalls()`);
  return loaded.appCalls();
}
