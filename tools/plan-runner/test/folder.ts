// Test helpers over output folders: a byte-for-byte picture of a folder, Terraform's files as a
// user's plan or apply leaves them, and what a failed swap could leave behind.
import { createHash } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * Every file under `dir` with a hash of its bytes, and every symbolic link with its target
 * (Terraform links providers from the mirror into .terraform; links are not followed).
 */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) files[relative(dir, path)] = `link -> ${readlinkSync(path)}`;
      else if (stat.isDirectory()) walk(path);
      else
        files[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return files;
}

/** Terraform's files in a stack folder, as a user's first plan (or apply) leaves them. */
export const TERRAFORM_FILES: Readonly<Record<string, string>> = {
  'terraform.tfstate': '{"sentinel":"state"}',
  'terraform.tfstate.backup': '{"sentinel":"backup"}',
  '.terraform.lock.hcl': '# sentinel lock',
  '.terraform/terraform.tfstate': '{"sentinel":"backend"}',
  'plan.json': '{"sentinel":"plan"}',
  'plan.tfplan': 'sentinel plan file',
};

/** Writes TERRAFORM_FILES into `<outdir>/stacks/<stack>`. */
export function withTerraformFiles(outdir: string, stack: string): void {
  for (const [name, text] of Object.entries(TERRAFORM_FILES)) {
    const file = join(outdir, 'stacks', stack, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/** What a swap that went wrong leaves: staging folders beside cdktf.out, backups and partial files inside. */
export function leftovers(outdir: string): string[] {
  const beside = readdirSync(dirname(outdir)).filter((n) => n !== 'cdktf.out');
  const inside = Object.keys(snapshot(outdir)).filter((p) => /\.replaced-|\.partial$/.test(p));
  return [...beside, ...inside];
}
