/**
 * The "documented calls" block of apps/<app>/README.md, written from the app's declarations
 * (`npm run calls -- <app> --write-readme`) and checked by each app's calls test, so the README
 * lists exactly the calls the verifier proves.
 */
import type { AppCalls, CallDeclaration } from '@apigw-private/constructs/calls/declaration';

export const readmeBegin = (app: string) =>
  `<!-- BEGIN GENERATED calls: written by \`npm run calls -- ${app} --write-readme\` from src/calls.ts; change the declarations, not this block -->`;
export const README_END = '<!-- END GENERATED calls -->';

function from(call: CallDeclaration): string {
  const source = call.from;
  if ('internet' in source) return 'the internet';
  if ('cidr' in source) return `${source.label} \`${source.cidr}\``;
  return `\`${source.client}\``;
}

function name(call: CallDeclaration): string {
  const dns = call.dns;
  switch (dns.kind) {
    case 'private-dns':
      return '`{api-id}.execute-api.{region}.amazonaws.com` (private DNS)';
    case 'endpoint-hostname':
      return `endpoint hostname + \`${dns.header}\``;
    case 'alias':
      return '`{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com`';
    case 'custom-domain':
      return `\`${dns.name}\``;
    case 'public':
      return 'public invoke URL';
    case 'aws-service':
      return `\`${dns.service}.{region}.amazonaws.com\``;
  }
}

function request(call: CallDeclaration): string {
  const headers = Object.keys(call.headers ?? {});
  return [
    `\`${call.method} ${call.path}\``,
    call.signed ? 'SigV4' : 'unsigned',
    ...(headers.length ? [`with ${headers.map((h) => `\`${h}\``).join(', ')}`] : []),
  ].join(', ');
}

function expected(call: CallDeclaration): string {
  return 'backend' in call.expect
    ? `answered by \`${call.expect.backend}\``
    : `refused at **${call.expect.refusedAt}**`;
}

/** The block's content: one line per declared call (a list, which Prettier leaves as written). */
export function readmeCalls(declared: AppCalls): string {
  const lines = declared.calls.map(
    (c) =>
      `- \`${c.stack}\`, ${c.description}: from ${from(c)}, ${request(c)} to ${name(c)}; ${expected(c)}.`,
  );
  return [
    `Every call below is declared in \`src/calls.ts\` and walked by \`npm run calls -- ${declared.app}\``,
    'over the synthesized stacks (client, DNS, routes, security groups, endpoint and resource',
    'policies, method, authorization, integration and what lies behind it); the app tests fail when',
    'one stops meeting its expectation.',
    '',
    ...lines,
  ].join('\n');
}

/** The README with its block replaced, or appended under a heading when it has none. */
export function withReadmeCalls(readme: string, declared: AppCalls): string {
  const begin = readmeBegin(declared.app);
  const block = `${begin}\n\n${readmeCalls(declared)}\n\n${README_END}`;
  const start = readme.indexOf(begin);
  const stop = readme.indexOf(README_END);
  if (start === -1 || stop < start)
    return `${readme.trimEnd()}\n\n## Documented calls, as verified\n\n${block}\n`;
  return `${readme.slice(0, start)}${block}${readme.slice(stop + README_END.length)}`;
}

/** The block's content as the README has it, or undefined. */
export function readmeCallsOf(readme: string, app: string): string | undefined {
  const start = readme.indexOf(readmeBegin(app));
  const stop = readme.indexOf(README_END);
  if (start === -1 || stop < start) return undefined;
  return readme.slice(start + readmeBegin(app).length, stop).trim();
}
