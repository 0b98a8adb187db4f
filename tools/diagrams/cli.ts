// npm run docs [-- <app>... | --check]
//   Synthesizes each app (no terraform), draws its diagrams and rewrites the generated blocks of
//   docs/<app>.md, creating the page when it does not exist. --check writes nothing and fails
//   when a page differs from what the code draws.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { callsSection } from './calls-section';
import { SynthesizedStack, listApps, pagePath, renderPage, synthForDocs } from './docs';

const elapsed = (start: bigint) => (Number(process.hrtime.bigint() - start) / 1e9).toFixed(2);

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const named = argv.filter((a) => !a.startsWith('--'));
  const all = listApps();
  const unknown = named.filter((a) => !all.includes(a));
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown app(s) ${unknown.join(', ')}; apps with src/main.ts: ${all.join(', ')}\n`,
    );
    return 2;
  }
  const apps = named.length > 0 ? named : all;
  const started = process.hrtime.bigint();
  // Synths are CPU-bound child processes: run a few side by side, write the pages in order.
  const synths = new Map<string, Promise<{ stacks: SynthesizedStack[]; seconds: string }>>();
  let queued = 0;
  const startNext = () => {
    const app = apps[queued++];
    if (app === undefined) return;
    const start = process.hrtime.bigint();
    const result = synthForDocs(app).then((stacks) => ({ stacks, seconds: elapsed(start) }));
    result.catch(() => undefined); // awaited below, in order
    synths.set(app, result);
  };
  for (let i = 0; i < Math.max(1, Math.min(availableParallelism(), 4)); i++) startNext();
  let stale = 0;
  for (const app of apps) {
    const { stacks, seconds } = await synths.get(app)!;
    startNext();
    const file = pagePath(app);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    const next = renderPage(app, current, stacks, await callsSection(app, stacks));
    if (next === current) {
      process.stdout.write(`docs/${app}.md: up to date (synth ${seconds}s)\n`);
    } else if (check) {
      stale++;
      process.stdout.write(
        `docs/${app}.md: differs from what the code draws; run npm run docs (synth ${seconds}s)\n`,
      );
    } else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, next);
      process.stdout.write(
        `docs/${app}.md: ${current === undefined ? 'created' : 'updated'} (synth ${seconds}s)\n`,
      );
    }
  }
  process.stdout.write(`${apps.length} app(s) in ${elapsed(started)}s\n`);
  return stale > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  },
);
