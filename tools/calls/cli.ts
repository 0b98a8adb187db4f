// npm run calls -- <app> [--stack <id>]... [--from <dir>] [--json]
//                  <app> --write-readme   (rewrites the documented-calls block of its README)
// Walks the app's declared calls (apps/<app>/src/calls.ts) over its synthesized stacks
// (apps/<app>/cdktf.out, or --from a folder laid out like it). Exit 0 when every call meets its
// expectation, 1 otherwise, 2 on bad usage.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadAppCalls, WORKSPACE } from './load';
import { withReadmeCalls } from './readme';
import { formatLine, verifyApp } from './verify';

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: calls <app> [--stack <id>]... [--from <dir>] [--json] | <app> --write-readme\n`,
  );
  process.exit(2);
}

async function main(argv: string[]): Promise<number> {
  let app: string | undefined;
  let from: string | undefined;
  let json = false;
  let writeReadme = false;
  const stacks: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--stack') stacks.push(argv[++i] ?? usage('--stack needs an ID'));
    else if (arg === '--from') from = argv[++i] ?? usage('--from needs a folder');
    else if (arg === '--json') json = true;
    else if (arg === '--write-readme') writeReadme = true;
    else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
    else if (app) usage(`one app at a time (got ${app} and ${arg})`);
    else app = arg;
  }
  if (!app) usage('name an app');
  if (writeReadme) {
    const file = join(WORKSPACE, 'apps', app, 'README.md');
    const current = existsSync(file) ? readFileSync(file, 'utf8') : `# ${app}\n`;
    writeFileSync(file, withReadmeCalls(current, await loadAppCalls(app, 'documentedCalls')));
    process.stdout.write(`apps/${app}/README.md: documented calls written\n`);
    return 0;
  }
  const outDir = resolve(from ?? join(WORKSPACE, 'apps', app, 'cdktf.out'));
  if (!existsSync(join(outDir, 'stacks')))
    usage(`${outDir} has no stacks/; synthesize first (npm run synth) or pass --from`);
  const report = await verifyApp(outDir, await loadAppCalls(app), { stacks });
  if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    for (const result of report.results) process.stdout.write(`${formatLine(result)}\n`);
    process.stdout.write(
      `${app}: ${report.results.filter((r) => r.ok).length}/${report.results.length} calls as declared in ${report.seconds.toFixed(2)}s\n`,
    );
  }
  return report.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
