// Real synthesized stacks for the break-each-step tests: each app is synthesized once into a
// temporary folder (never its own cdktf.out), and each test breaks one step in a copy.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  AppCalls,
  CallDeclaration,
  CallStep,
} from '@apigw-private/constructs/calls/declaration';
import { synthInto } from '@apigw-private/tools/plan-runner/synth-into';
import type { CallResult } from '../model';
import { verifyApp } from '../verify';

/** A synthesized block or document, read loosely: tests cast the parts they change. */
export type Json = Record<string, unknown>;
interface Synth {
  readonly resource: Record<string, Record<string, Json>>;
  readonly data?: Record<string, Record<string, Json>>;
}

const created: string[] = [];

/** Removes every folder this module created. */
export function cleanUp(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

function sectionOf(json: Json, type: string): Record<string, Json> {
  const synth = json as unknown as Synth;
  return (type.startsWith('data.') ? synth.data?.[type.slice(5)] : synth.resource[type]) ?? {};
}

function pathOf(block: Json): string {
  const meta = block['//'] as { metadata?: { path?: string } } | undefined;
  return meta?.metadata?.path ?? '';
}

/** Synthesizes apps side by side into one temporary folder; resolves to `<root>/<app>`. */
export async function synthesize(apps: readonly string[]): Promise<string> {
  const root = temp('apigw-calls-');
  await Promise.all(apps.map((app) => synthInto(app, join(root, app))));
  return root;
}

/** Copies `<outDir>` and lets `mutate` change one stack's cdk.tf.json; resolves to the copy. */
export function broken(outDir: string, stack: string, mutate: (json: Json) => void): string {
  const copy = temp('apigw-calls-broken-');
  cpSync(join(outDir, 'stacks'), join(copy, 'stacks'), { recursive: true });
  const file = join(copy, 'stacks', stack, 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as Json;
  mutate(json);
  writeFileSync(file, JSON.stringify(json));
  return copy;
}

/** The Terraform name of the one block of `type` whose construct path ends with `path`. */
export function nameOf(json: Json, type: string, path: string): string {
  const section = sectionOf(json, type);
  const names = Object.keys(section).filter((n) => pathOf(section[n]).endsWith(`/${path}`));
  if (names.length !== 1)
    throw new Error(`expected one ${type} at ${path}, found ${names.join(', ') || 'none'}`);
  return names[0];
}

/** The block of `type` at construct path `path`. */
export function blockAt(json: Json, type: string, path: string): Json {
  return sectionOf(json, type)[nameOf(json, type, path)];
}

/** Deletes every block of `type` whose construct path contains `fragment`. */
export function removeAll(json: Json, type: string, fragment: string): void {
  const section = sectionOf(json, type);
  for (const name of Object.keys(section))
    if (pathOf(section[name]).includes(fragment)) delete section[name];
}

export async function verifyOne(
  outDir: string,
  app: string,
  call: CallDeclaration,
): Promise<CallResult> {
  const declared: AppCalls = { app, accounts: { aws: '111111111111' }, calls: [call] };
  const report = await verifyApp(outDir, declared);
  return report.results[0];
}

export type { CallStep };
