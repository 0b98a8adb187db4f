/**
 * Synthesizes an app into a folder of the caller's choosing, laid out like cdktf.out, without
 * touching the app's own cdktf.out or dist (which plans and tests use): the bundle goes to a
 * temporary folder. No terraform runs and no AWS call is made; it does not block.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MODE_ENV, Mode } from '@apigw-private/constructs/providers/mode';
import { buildApp } from './run-app';
import { appDir, SynthError } from './runner';

export async function synthInto(
  app: string,
  outDir: string,
  mode: Mode = 'offline',
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const dir = appDir(app);
  const work = mkdtempSync(join(tmpdir(), `apigw-synth-${app}-`));
  try {
    const bundle = await buildApp(dir, work);
    const { status, output } = await new Promise<{ status: number | null; output: string }>(
      (resolvePromise, reject) => {
        const child = spawn(process.execPath, [bundle], {
          cwd: dir,
          env: { ...env, [MODE_ENV]: mode, CDKTF_OUTDIR: outDir },
        });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolvePromise({ status: code, output }));
      },
    );
    if (status !== 0) throw new SynthError(app, output);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
