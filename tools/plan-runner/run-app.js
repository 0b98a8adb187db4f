#!/usr/bin/env node
// Builds a reference app into one CommonJS bundle with esbuild and runs it. This is the `app`
// command in every apps/<app>/cdktf.json and the synth step of the plan runner, so `cdktf synth`
// and `npm run synth` run the same code. A bundle starts in well under a second, where loading
// TypeScript through a loader costs about half a second more.
//
// It takes the app's lock (lock.js) around the bundle and the synth, so a `cdktf synth` and a
// plan runner never write the same app at once; when the plan runner started it, the runner
// already holds the lock. Errors are one message without a stack trace (APIGW_DEBUG=1 adds it).
//
//   node tools/plan-runner/run-app.js [appDir]      (default: the current directory)
'use strict';

const { build } = require('esbuild');
const { cpSync, existsSync, rmSync } = require('node:fs');
const { basename, join, resolve } = require('node:path');
const { acquireLock } = require('./lock');

const workspace = resolve(__dirname, '..', '..');

// cdktf loads the `archiver` zip library eagerly (about a third of its load time) for directory
// and archive assets. This repository packs its Lambda code itself (libs/constructs/src/lambda/
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

function fail(error) {
  const debug = process.env.APIGW_DEBUG === '1';
  process.stderr.write(`${debug && error.stack ? error.stack : error.message}\n`);
  process.exit(1);
}

async function main(appDir) {
  // cdktf-cli hands its output folder down as CDKTF_OUTDIR, as the plan runner does.
  const outdir = resolve(appDir, process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  await acquireLock(outdir, {
    label: `apps/${basename(appDir)}`,
    command: `cdktf app (run-app.js ${basename(appDir)})`,
  });
  // The bundle sits in the output folder it synthesizes into (synth's swap leaves it alone), so
  // runs into other folders never rewrite it under this one.
  const bundle = await buildApp(appDir, join(outdir, '.bundle'));
  process.chdir(appDir);
  process.setSourceMapsEnabled(true);
  require(bundle);
}

if (require.main === module) {
  main(resolve(process.argv[2] ?? process.cwd())).catch(fail);
}
