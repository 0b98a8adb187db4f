// npm run docs [-- <app>... | --check]
//   Synthesizes each app (no terraform), draws its diagrams and rewrites the generated blocks of
//   docs/<app>.md, creating the page when it does not exist. --check writes nothing and fails
//   when a page differs from what the code draws.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { listApps, pagePath, renderPage, synthForDocs } from './docs';

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
  let stale = 0;
  const started = process.hrtime.bigint();
  for (const app of apps) {
    const start = process.hrtime.bigint();
    const file = pagePath(app);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    const next = renderPage(app, current, synthForDocs(app));
    const seconds = (Number(process.hrtime.bigint() - start) / 1e9).toFixed(2);
    if (next === current) {
      process.stdout.write(`docs/${app}.md: up to date (${seconds}s)\n`);
    } else if (check) {
      stale++;
      process.stdout.write(
        `docs/${app}.md: differs from what the code draws; run npm run docs (${seconds}s)\n`,
      );
    } else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, next);
      process.stdout.write(
        `docs/${app}.md: ${current === undefined ? 'created' : 'updated'} (${seconds}s)\n`,
      );
    }
  }
  process.stdout.write(
    `${apps.length} app(s) in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(2)}s\n`,
  );
  return stale > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  },
);
