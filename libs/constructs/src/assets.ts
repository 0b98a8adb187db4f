import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Path of a runtime asset of the library (Lambda code and the like), in both layouts the code runs
 * in: from source (libs/constructs/src, assets in libs/constructs/assets) and bundled (the bundle's
 * folder holds a copy of the assets folder).
 */
export function assetPath(relative: string): string {
  const candidates = [
    join(__dirname, 'assets', relative),
    join(__dirname, '..', 'assets', relative),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`Library asset ${relative} not found in ${candidates.join(' or ')}`);
  return found;
}
