// The `APIGW__<path>=<value>` overrides the docs show, so that each app's tests can run every
// one of them through its config loader: a documented override that does not load is a bug.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { valueAt } from '@apigw-private/constructs/config/load';

const ROOT = join(__dirname, '..', '..');

/** One line of the docs that sets config variables, applied together as one environment. */
export interface DocumentedOverride {
  /** `apps/multi-region/src/config.ts:75`. */
  readonly where: string;
  readonly env: Record<string, string>;
}

/**
 * Values a doc computes in the shell, and the literal each test uses instead: the cross-account
 * README derives the token hash with sha256sum.
 */
const SHELL_STAND_INS: Record<string, string> = {
  '$(printf %s "$TOKEN" | sha256sum | cut -d\' \' -f1)':
    '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
};

/** `NAME=value`: a value is quoted ('...' or "..."), a shell substitution, or a bare word. */
const OVERRIDE =
  /\b(APIGW__[A-Za-z0-9_]+)=('[^']*'|"[^"]*"|\$\([^`\n]*?\)(?=\s|$|`)|[^\s`'"<>),]+)/g;

function unquote(value: string): string {
  if (SHELL_STAND_INS[value] !== undefined) return SHELL_STAND_INS[value];
  return /^(['"]).*\1$/.test(value) ? value.slice(1, -1) : value;
}

/** The doc files of the repo: the READMEs, the docs pages and each app's config.ts comments. */
function docFiles(): string[] {
  const apps = readdirSync(join(ROOT, 'apps'));
  const files = [
    'README.md',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
    ...apps.flatMap((app) => [`apps/${app}/README.md`, `apps/${app}/src/config.ts`]),
  ];
  return files.filter((f) => existsSync(join(ROOT, f)));
}

/**
 * The app a doc line's overrides belong to: lines of `apps/<app>/` and `docs/<app>.md` belong to
 * that app; on the shared pages (README.md, docs/pipelines.md, ...) to the app named as
 * `apps/<app>` on the line or the three before it, else apps/basic.
 */
export function ownerOf(file: string, lines: readonly string[] = [], line = 0): string {
  const known = (app: string | undefined) =>
    app !== undefined && existsSync(join(ROOT, 'apps', app)) ? app : undefined;
  const own = known(/^apps\/([^/]+)\//.exec(file)?.[1] ?? /^docs\/([^/]+)\.md$/.exec(file)?.[1]);
  if (own) return own;
  const near = lines.slice(Math.max(0, line - 3), line + 1).join('\n');
  return known([...near.matchAll(/apps\/([a-z0-9-]+)/g)].pop()?.[1]) ?? 'basic';
}

/** Every documented override line of the repo, grouped by the app it belongs to. */
export function documentedOverrides(): Record<string, DocumentedOverride[]> {
  const out: Record<string, DocumentedOverride[]> = {};
  for (const file of docFiles()) {
    const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      const env: Record<string, string> = {};
      for (const match of line.matchAll(OVERRIDE)) env[match[1]] = unquote(match[2]);
      if (Object.keys(env).length === 0) return;
      (out[ownerOf(file, lines, i)] ??= []).push({ where: `${file}:${i + 1}`, env });
    });
  }
  return out;
}

/**
 * Loads the app's config with each documented override line and returns what went wrong: a
 * refused config, or a field that does not hold the value the doc sets. Empty when all load.
 */
export function documentedOverrideFailures(
  app: string,
  load: (env: Record<string, string>) => unknown,
): string[] {
  const failures: string[] = [];
  for (const { where, env } of documentedOverrides()[app] ?? []) {
    let config: unknown;
    try {
      config = load(env);
    } catch (error) {
      failures.push(`${where}: ${(error as Error).message}`);
      continue;
    }
    for (const [name, raw] of Object.entries(env)) {
      const path = name.slice('APIGW__'.length).split('__');
      const got = JSON.stringify(valueAt(config, path));
      if (got !== JSON.stringify(raw) && got !== jsonText(raw)) {
        failures.push(`${where}: ${name}=${raw} left ${path.join('.')} at ${got}`);
      }
    }
  }
  return failures;
}

function jsonText(raw: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(raw));
  } catch {
    return undefined;
  }
}
