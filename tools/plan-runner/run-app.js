#!/usr/bin/env node
// Builds a reference app into one CommonJS bundle with esbuild and runs it. This is the `app`
// command in every apps/<app>/cdktf.json and the synth step of the plan runner, so `cdktf synth`
// and `npm run synth` run the same code. A bundle starts in well under a second, where loading
// TypeScript through a loader costs about half a second more.
//
//   node tools/plan-runner/run-app.js [appDir]      (default: the current directory)
'use strict';

const { build } = require('esbuild');
const { cpSync, existsSync, rmSync } = require('node:fs');
const { join, resolve } = require('node:path');

const workspace = resolve(__dirname, '..', '..');

// cdktf loads the `archiver` zip library eagerly (about a third of its load time) for directory
// and archive assets. This repository packs its Lambda code itself (libs/constructs/src/compute/
// zip.ts) and uses file assets only, so the bundle gets a stand-in that fails loudly if used.
const withoutArchiver = {
  name: 'without-archiver',
  setup(build) {
    build.onResolve({ filter: /^archiver$/ }, () => ({ path: 'archiver', namespace: 'stub' }));
    build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents:
        "module.exports = () => { throw new Error('Directory and archive assets are not supported in the bundled synth; pack the files with deterministicZip and use a FILE asset.'); };",
      loader: 'js',
    }));
  },
};

/**
 * Bundles `<appDir>/src/main.ts` to `<outdir>/main.js` (default `<appDir>/dist`), with the
 * library's assets beside it, and resolves to that path. The one bundler of the workspace: the
 * plan runner, `cdktf synth` and the docs synth all build apps here.
 */
async function buildApp(appDir, outdir = join(resolve(appDir), 'dist')) {
  const dir = resolve(appDir);
  const entry = join(dir, 'src', 'main.ts');
  if (!existsSync(entry)) throw new Error(`No app entry point at ${entry}`);
  await build({
    entryPoints: [entry],
    outfile: join(outdir, 'main.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    tsconfig: join(dir, 'tsconfig.json'),
    minify: true,
    keepNames: true,
    plugins: [withoutArchiver],
    sourcemap: 'linked',
    logLevel: 'error',
  });
  const assets = join(workspace, 'libs', 'constructs', 'assets');
  rmSync(join(outdir, 'assets'), { recursive: true, force: true });
  if (existsSync(assets)) cpSync(assets, join(outdir, 'assets'), { recursive: true });
  return join(outdir, 'main.js');
}

module.exports = { buildApp };

if (require.main === module) {
  const appDir = resolve(process.argv[2] ?? process.cwd());
  buildApp(appDir).then(
    (bundle) => {
      process.chdir(appDir);
      process.setSourceMapsEnabled(true);
      require(bundle);
    },
    (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
