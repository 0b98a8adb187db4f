// Builds docs/<app>.md: synthesizes the app, draws one diagram per stack and counts what each
// stack creates, then rewrites only the blocks between the generated markers.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '@apigw-private/tools/plan-runner/run-app';
import { extractGraph } from './graph';
import { renderMermaid } from './mermaid';
import { StackJson, StackModel, literal, readStack, valuesAt } from './model';

export const workspaceRoot = join(__dirname, '..', '..');

export interface SynthesizedStack {
  readonly name: string;
  readonly json: StackJson;
}

/** Apps that have an entry point, sorted. */
export function listApps(root = workspaceRoot): string[] {
  const dir = join(root, 'apps');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((app) => existsSync(join(dir, app, 'src', 'main.ts')))
    .sort();
}

/** The environment of a docs synth: deploy mode, no APIGW_* overrides, a private outdir. */
function synthEnv(outdir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('APIGW_') && !name.startsWith('CDKTF_') && !name.startsWith('JEST_'))
      env[name] = value;
  }
  return { ...env, APIGW_MODE: 'deploy', CDKTF_OUTDIR: outdir };
}

function readSynth(
  app: string,
  outdir: string,
  status: number | null,
  output: string,
): SynthesizedStack[] {
  if (status !== 0) throw new Error(`Synth of apps/${app} for its docs failed:\n${output}`);
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  return Object.keys(manifest.stacks)
    .sort()
    .map((name) => ({
      name,
      json: JSON.parse(
        readFileSync(join(outdir, manifest.stacks[name].synthesizedStackPath), 'utf8'),
      ) as StackJson,
    }));
}

/**
 * Synthesizes an app for its docs, in deploy mode (so providers carry their account IDs) with the
 * app's built-in defaults only: no config.local.json, no APIGW_* variables. The bundle (built by
 * the plan runner's bundler) and the output go to a temporary folder, so the app's own cdktf.out,
 * which plans and tests use, is never touched. No terraform runs and no AWS call is made. It does
 * not block, so `npm run docs` synthesizes apps side by side.
 */
export async function synthForDocs(app: string, root = workspaceRoot): Promise<SynthesizedStack[]> {
  const appDir = join(root, 'apps', app);
  const work = mkdtempSync(join(tmpdir(), `apigw-docs-${app}-`));
  try {
    const bundle = await buildApp(appDir, join(work, 'bundle'));
    const outdir = join(work, 'out');
    const { status, output } = await new Promise<{ status: number | null; output: string }>(
      (resolvePromise, reject) => {
        const child = spawn(process.execPath, [bundle], { cwd: appDir, env: synthEnv(outdir) });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolvePromise({ status: code, output }));
      },
    );
    return readSynth(app, outdir, status, output);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export const SECTIONS = ['diagram', 'calls', 'resources'] as const;
export type Section = (typeof SECTIONS)[number];

export const begin = (section: Section) =>
  `<!-- BEGIN GENERATED ${section}: written by \`npm run docs\` from the synthesized stacks; change the code, not this block -->`;
export const end = (section: Section) => `<!-- END GENERATED ${section} -->`;

const LEGEND =
  'Solid arrows follow a request; dotted arrows are DNS names resolving to their target, or a ' +
  'security group rule that lets one resource reach another; double arrows are network ' +
  'connectivity (attachments, peering, VPN). Groups are accounts, Regions, VPCs and hosted zones.';

export function diagramSection(models: readonly StackModel[]): string {
  const parts = [LEGEND, ''];
  for (const model of models) {
    parts.push(
      `### Stack \`${model.stack}\``,
      '',
      '```mermaid',
      renderMermaid(extractGraph(model)).trimEnd(),
      '```',
      '',
    );
  }
  return parts.join('\n').trimEnd();
}

/** What is billed while it exists (by the hour or the month), counted from the synthesized stack. */
const COST_DRIVERS: { label: string; count: (m: StackModel) => number }[] = [
  {
    label: 'Interface endpoint ENIs (endpoints x subnets, hourly + per GB)',
    count: (m) =>
      managed(m, 'aws_vpc_endpoint')
        .filter((r) => literal(r.config, 'vpc_endpoint_type') === 'Interface')
        .reduce((sum, r) => sum + Math.max(1, valuesAt(r.config, 'subnet_ids').length), 0),
  },
  {
    label: 'Load balancers (hourly + capacity units)',
    count: (m) => managed(m, 'aws_lb', 'aws_alb').length,
  },
  { label: 'NAT gateways (hourly + per GB)', count: (m) => managed(m, 'aws_nat_gateway').length },
  {
    label: 'Transit gateway attachments (hourly + per GB)',
    count: (m) =>
      managed(
        m,
        'aws_ec2_transit_gateway_vpc_attachment',
        'aws_ec2_transit_gateway_peering_attachment',
      ).length,
  },
  {
    label: 'Site-to-site VPN connections (hourly)',
    count: (m) => managed(m, 'aws_vpn_connection').length,
  },
  {
    label: 'Route 53 Resolver endpoint ENIs (hourly)',
    count: (m) =>
      managed(m, 'aws_route53_resolver_endpoint').reduce(
        (sum, r) => sum + valuesAt(r.config, 'ip_address').length,
        0,
      ),
  },
  { label: 'EC2 instances (hourly)', count: (m) => managed(m, 'aws_instance').length },
  {
    label: 'Fargate tasks (desired count, per vCPU and GB hour)',
    count: (m) =>
      managed(m, 'aws_ecs_service').reduce(
        (sum, r) => sum + Number(literal(r.config, 'desired_count') ?? 1),
        0,
      ),
  },
  { label: 'KMS keys (monthly)', count: (m) => managed(m, 'aws_kms_key').length },
  { label: 'Route 53 hosted zones (monthly)', count: (m) => managed(m, 'aws_route53_zone').length },
  {
    label: 'Route 53 health checks (monthly)',
    count: (m) => managed(m, 'aws_route53_health_check').length,
  },
  {
    label: 'ACM private certificates / Private CA (monthly)',
    count: (m) => managed(m, 'aws_acmpca_certificate_authority').length,
  },
];

function managed(model: StackModel, ...types: string[]) {
  return [...model.resources.values()].filter(
    (r) => r.mode === 'managed' && types.includes(r.type),
  );
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

export function resourcesSection(models: readonly StackModel[]): string {
  const stacks = models.map((m) => m.stack);
  const count = (m: StackModel, type: string, mode: 'managed' | 'data') =>
    [...m.resources.values()].filter((r) => r.type === type && r.mode === mode).length;
  const types = (mode: 'managed' | 'data') =>
    [
      ...new Set(
        models.flatMap((m) =>
          [...m.resources.values()].filter((r) => r.mode === mode).map((r) => r.type),
        ),
      ),
    ].sort();
  const rows = types('managed').map((type) => [
    `\`${type}\``,
    ...models.map((m) => String(count(m, type, 'managed'))),
  ]);
  rows.push([
    '**Total resources**',
    ...models.map((m) => `**${managed(m, ...types('managed')).length}**`),
  ]);
  for (const type of types('data'))
    rows.push([`\`data.${type}\``, ...models.map((m) => String(count(m, type, 'data')))]);
  const costRows = COST_DRIVERS.map((d) => [
    d.label,
    ...models.map((m) => String(d.count(m))),
  ]).filter((row) => row.slice(1).some((n) => n !== '0'));
  const heading = stacks.map((s) => `\`${s}\``);
  const parts = [
    'Terraform resources per stack, counted from `cdktf.out/stacks/<stack>/cdk.tf.json` (data sources',
    'are `aws_iam_policy_document` and the like, computed locally).',
    '',
    table(['Resource type', ...heading], rows),
    '',
    'What is billed while it exists, counted the same way (prices vary by Region; see the AWS pricing pages):',
    '',
    costRows.length
      ? table(['Billed item', ...heading], costRows)
      : '_Nothing billed by the hour; requests and logs are billed by use._',
  ];
  return parts.join('\n');
}

/** The generated blocks; `calls` is the proven call paths (see calls-section.ts). */
export function generatedSections(
  stacks: readonly SynthesizedStack[],
  calls: string,
): Record<Section, string> {
  const models = stacks.map((s) => readStack(s.name, s.json));
  return { diagram: diagramSection(models), calls, resources: resourcesSection(models) };
}

/** A new page: a title, hand-written placeholders to fill in, and the generated blocks. */
export function newPage(app: string): string {
  return [
    `# ${app}`,
    '',
    `What apps/${app} is for: write it here (this text is yours; \`npm run docs\` only rewrites the generated blocks).`,
    '',
    '## Diagram',
    '',
    begin('diagram'),
    end('diagram'),
    '',
    '## The request path, step by step',
    '',
    'Write the steps here.',
    '',
    '## Documented calls, as verified',
    '',
    begin('calls'),
    end('calls'),
    '',
    '## Resources and cost drivers',
    '',
    begin('resources'),
    end('resources'),
    '',
    '## Deploy and test',
    '',
    '```sh',
    `npx tsx tools/plan-runner/cli.ts ${app}              # offline synth + plan of every stack`,
    `npx jest --config apps/${app}/jest.config.js          # the plan test`,
    `cd apps/${app} && APIGW_MODE=deploy npx cdktf deploy <stack>   # into your account`,
    '```',
    '',
  ].join('\n');
}

/**
 * Replaces each generated block of `page` with its new content; text outside the markers is kept
 * byte for byte. A page missing a block gets it appended at the end.
 */
export function updatePage(page: string, sections: Record<Section, string>): string {
  let out = page;
  for (const section of SECTIONS) {
    const start = out.indexOf(begin(section));
    const stop = out.indexOf(end(section));
    const block = `${begin(section)}\n\n${sections[section]}\n\n${end(section)}`;
    if (start === -1 || stop === -1 || stop < start) {
      out = `${out.trimEnd()}\n\n${block}\n`;
    } else {
      out = `${out.slice(0, start)}${block}${out.slice(stop + end(section).length)}`;
    }
  }
  return out;
}

/** The generated blocks of a page, for the drift test. */
export function blocksOf(page: string): Partial<Record<Section, string>> {
  const blocks: Partial<Record<Section, string>> = {};
  for (const section of SECTIONS) {
    const start = page.indexOf(begin(section));
    const stop = page.indexOf(end(section));
    if (start !== -1 && stop > start)
      blocks[section] = page.slice(start + begin(section).length, stop).trim();
  }
  return blocks;
}

export function pagePath(app: string, root = workspaceRoot): string {
  return join(root, 'docs', `${app}.md`);
}

/**
 * Formats a page with the repo's Prettier settings, through the Prettier CLI in a child process
 * (Prettier's API loads its plugins with a dynamic import, which Jest cannot run).
 */
export function formatMarkdown(text: string, file: string, root = workspaceRoot): string {
  const cli = require.resolve('prettier/bin/prettier.cjs', { paths: [root] });
  const result = spawnSync(process.execPath, [cli, '--stdin-filepath', file], {
    cwd: root,
    input: text,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`prettier failed on ${file}:\n${result.stderr}`);
  return result.stdout;
}

/**
 * The page `npm run docs` writes for an app: the current page (or a new one) with its generated
 * blocks replaced, formatted like `npm run format` would, so `npm run format:check` agrees.
 */
export function renderPage(
  app: string,
  current: string | undefined,
  stacks: readonly SynthesizedStack[],
  calls: string,
  root = workspaceRoot,
): string {
  const text = updatePage(current ?? newPage(app), generatedSections(stacks, calls));
  return formatMarkdown(text, pagePath(app, root), root);
}
