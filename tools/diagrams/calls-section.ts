/**
 * The "documented calls" block of docs/<app>.md: the app's declared calls (for its built-in
 * defaults) walked by the request-path verifier over the docs synth, each positive call drawn as a
 * Mermaid sequence diagram of the steps it passed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadAppCalls, WORKSPACE } from '@apigw-private/tools/calls/load';
import { callPathsSection } from '@apigw-private/tools/calls/sequence';
import { verifyStacks } from '@apigw-private/tools/calls/verify';
import { parseSynth } from '@apigw-private/tools/tfjson';
import type { SynthesizedStack } from './docs';

export async function callsSection(
  app: string,
  stacks: readonly SynthesizedStack[],
): Promise<string> {
  if (!existsSync(join(WORKSPACE, 'apps', app, 'src', 'calls.ts')))
    return `_No calls declared: apps/${app}/src/calls.ts does not exist._`;
  const declared = await loadAppCalls(app, 'documentedCalls');
  if (declared.calls.length === 0)
    return `_No calls declared: apps/${app}/src/calls.ts documents none._`;
  const byName = new Map(stacks.map((s) => [s.name, s.json]));
  const report = await verifyStacks(declared, [...byName.keys()], (stack) =>
    parseSynth(byName.get(stack), { stack: `${app}/${stack}` }),
  );
  return callPathsSection(app, report.results);
}
