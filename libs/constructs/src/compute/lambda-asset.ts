import { AssetType, TerraformAsset } from 'cdktf';
import type { Construct } from 'constructs';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assetPath } from '../assets';
import { base64Sha256, deterministicZip } from './zip';

/** A Lambda package built from a folder of libs/constructs/assets. */
export interface LambdaPackage {
  /** Path Terraform reads the zip from (the TerraformAsset's path in the stack folder). */
  readonly filename: string;
  /** base64 SHA-256 of the zip, for `source_code_hash`. */
  readonly sourceCodeHash: string;
}

/**
 * Zips the files of `libs/constructs/assets/<folder>` deterministically (same code, same bytes,
 * same hash) and registers the zip as a Terraform asset of `scope`.
 */
export function lambdaPackage(scope: Construct, id: string, folder: string): LambdaPackage {
  const dir = assetPath(folder);
  const entries = readdirSync(dir)
    .sort()
    .map((name) => ({ name, content: readFileSync(join(dir, name)) }));
  const zip = deterministicZip(entries);
  const hash = base64Sha256(zip);
  const outDir = join(tmpdir(), 'apigw-private-reference');
  const file = join(outDir, `${folder}-${hash.replace(/[^A-Za-z0-9]/g, '').slice(0, 16)}.zip`);
  if (!existsSync(file)) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(file, zip);
  }
  const asset = new TerraformAsset(scope, id, { path: file, type: AssetType.FILE });
  return { filename: asset.path, sourceCodeHash: hash };
}
