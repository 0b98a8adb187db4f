/**
 * Keeps docs/guardrails.md in step with the code: the rule reference is generated from ALL_RULES
 * and the code examples are copied from tools/guardrails/examples (which the build compiles).
 *
 *   tsx tools/guardrails/docs.ts          rewrites docs/guardrails.md
 *   tsx tools/guardrails/docs.ts --check  exits 1 when it is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rule } from './engine/rule';
import { ALL_RULES } from './rules';

export const ROOT = join(__dirname, '..', '..');
export const DOC = join(ROOT, 'docs', 'guardrails.md');

const RULES_START =
  '<!-- guardrails:rules:start (generated from tools/guardrails/rules by tsx tools/guardrails/docs.ts) -->';
const RULES_END = '<!-- guardrails:rules:end -->';
const EXAMPLE = /<!-- guardrails:example (\S+) -->\n[\s\S]*?<!-- guardrails:example-end -->/g;

function anchor(id: string): string {
  return id.toLowerCase();
}

/** Rule texts are plain text: a `*` (principal, method path) must not turn into emphasis. */
function md(text: string): string {
  return text.replace(/[*|]/g, (c) => `\\${c}`);
}

/** The rule reference: an index table, then one section per rule. */
export function renderRules(rules: readonly Rule[] = ALL_RULES): string {
  const table = [
    '| ID | Level | Requires |',
    '| --- | --- | --- |',
    ...rules.map((r) => `| [${r.id}](#${anchor(r.id)}) | ${r.level} | ${md(r.description)} |`),
  ];
  const sections = rules.map((r) =>
    [
      `### ${r.id}`,
      '',
      md(r.description),
      '',
      `- Level: **${r.level}**${r.suppressible === false ? ' (cannot be suppressed)' : ''}`,
      `- Why: ${md(r.reason)}`,
      `- Mirrors: ${md(r.anchors.join('; '))}`,
      `- Reads: ${r.resourceTypes.map((t) => `\`${t}\``).join(', ')}`,
    ].join('\n'),
  );
  return [RULES_START, '', ...table, '', ...sections.flatMap((s) => [s, '']), RULES_END].join('\n');
}

/** Replaces the generated parts of the page and formats it as Prettier would. */
export async function syncDocs(text: string): Promise<string> {
  const start = text.indexOf(RULES_START);
  const end = text.indexOf(RULES_END);
  if (start < 0 || end < start) {
    throw new Error(`DocsMarkersMissing: ${DOC} must contain ${RULES_START} and ${RULES_END}`);
  }
  let synced = text.slice(0, start) + renderRules() + text.slice(end + RULES_END.length);
  synced = synced.replace(EXAMPLE, (_, file: string) => {
    const code = readFileSync(join(ROOT, file), 'utf8').trimEnd();
    return `<!-- guardrails:example ${file} -->\n\n\`\`\`ts\n${code}\n\`\`\`\n\n<!-- guardrails:example-end -->`;
  });
  const prettier = await import('prettier');
  const options = await prettier.resolveConfig(DOC);
  return prettier.format(synced, { ...options, filepath: DOC });
}

async function main(): Promise<void> {
  const current = readFileSync(DOC, 'utf8');
  const synced = await syncDocs(current);
  if (process.argv.includes('--check')) {
    if (synced !== current) {
      process.stderr.write(`${DOC} is out of date; run tsx tools/guardrails/docs.ts\n`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(DOC, synced);
}

if (require.main === module) {
  void main();
}
