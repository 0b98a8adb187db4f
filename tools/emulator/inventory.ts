// What exists in the emulator, listed through the AWS APIs by moto/inventory.py (boto3).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { EmulatorError } from './moto';
import type { ProviderTarget } from './override';

const SCRIPT = join(__dirname, 'moto', 'inventory.py');

/** Each item is `account/region service:kind:id`. */
export interface Inventory {
  /** Everything alive in the accounts and Regions given. */
  readonly resources: readonly string[];
  /** Account settings per Region (see kept-settings.ts): no API deletes them. */
  readonly settings: readonly string[];
}

/** Lists resources and account settings in the accounts and Regions given. */
export function takeInventory(
  python: string,
  endpoint: string,
  targets: readonly ProviderTarget[],
): Promise<Inventory> {
  const places = [...new Set(targets.map((t) => `${t.account}:${t.region}`))];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(python, [SCRIPT, endpoint, ...places], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', (e) => reject(new EmulatorError(`inventory could not start: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolvePromise(JSON.parse(out) as Inventory);
      else reject(new EmulatorError(`listing resources in the emulator failed:\n${err.trim()}`));
    });
  });
}

/** What the second listing holds that the first did not. */
export function leftOver(before: readonly string[], after: readonly string[]): string[] {
  const known = new Set(before);
  return after.filter((item) => !known.has(item));
}
