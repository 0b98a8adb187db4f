/**
 * Reads a synthesized stack (cdktf's `cdk.tf.json`, Terraform's JSON configuration syntax) into
 * the same model as a plan: each block becomes a planned resource whose literal values are known
 * and whose `${...}` templates are unknown until apply, and a configuration whose expressions carry
 * the references Terraform would report. Tools then read synthesized output and plans alike.
 *
 * Without the provider schema, an object value is read as a nested block (a list of one object,
 * as plans show blocks) unless its attribute is one of the provider's map attributes below.
 */
import { Plan, PlanSource, parsePlan } from './document';
import { isArray, isObject, Json, JsonObject } from './json';

/** Attributes of the AWS provider that are maps, not nested blocks. */
const MAP_ATTRIBUTES = new Set([
  'tags',
  'tags_all',
  'default_tags',
  'variables',
  'environment_variables',
  'request_parameters',
  'response_parameters',
  'request_templates',
  'response_templates',
  'request_models',
  'response_models',
  'stage_variables',
  'parameters',
  'labels',
  'options',
  'attributes',
  'metadata',
]);

const TEMPLATE = /\$\{([\s\S]*?)\}/g;
const TRAVERSAL = /(?<![\w.$"-])((?:data\.)?[a-zA-Z_][\w-]*(?:\.[\w-]+|\[[^\]]*\])+)(?!\s*\()/g;
const REFERENCE_ROOTS =
  /^(data|var|local|module|each|count|path|self)$|^[a-z][a-z0-9]*_[a-z0-9_]+$/;

/**
 * References of a template string, as Terraform reports them: the full traversal, then its
 * resource (`aws_vpc.main.id` gives `aws_vpc.main.id` and `aws_vpc.main`).
 */
export function templateReferences(value: Json): readonly string[] {
  const found: string[] = [];
  const add = (reference: string) => {
    if (!found.includes(reference)) found.push(reference);
  };
  const visit = (node: Json) => {
    if (typeof node === 'string') {
      for (const template of node.matchAll(TEMPLATE)) {
        const body = template[1].replace(/"(?:[^"\\]|\\.)*"/g, '""');
        for (const match of body.matchAll(TRAVERSAL)) {
          const traversal = match[1];
          const parts = traversal.split('.');
          if (!REFERENCE_ROOTS.test(parts[0])) continue;
          add(traversal);
          const resourceParts = parts[0] === 'data' ? 3 : parts[0].includes('_') ? 2 : 0;
          if (resourceParts && parts.length > resourceParts)
            add(
              parts
                .slice(0, resourceParts)
                .join('.')
                .replace(/\[[^\]]*\]$/, ''),
            );
        }
      }
    } else if (isArray(node)) node.forEach(visit);
    else if (isObject(node)) Object.values(node).forEach(visit);
  };
  visit(value);
  return found;
}

function hasTemplate(value: Json): boolean {
  return (
    templateReferences(value).length > 0 || (typeof value === 'string' && value.includes('${'))
  );
}

function isBlockList(name: string, value: Json): value is readonly JsonObject[] {
  return !MAP_ATTRIBUTES.has(name) && isArray(value) && value.length > 0 && value.every(isObject);
}

function isSingleBlock(name: string, value: Json): value is JsonObject {
  return !MAP_ATTRIBUTES.has(name) && isObject(value);
}

/** Expressions of a block, in the form of plan JSON's `configuration` section. */
function expressionsOf(block: JsonObject): JsonObject {
  const out: Record<string, Json> = {};
  for (const [name, value] of Object.entries(block)) {
    if (name === '//' || name === 'provider' || name === 'depends_on' || name === 'lifecycle')
      continue;
    if (isBlockList(name, value)) out[name] = value.map(expressionsOf);
    else if (isSingleBlock(name, value)) out[name] = [expressionsOf(value)];
    else {
      const references = templateReferences(value);
      out[name] =
        references.length > 0 ? { constant_value: value, references } : { constant_value: value };
    }
  }
  return out;
}

/** Known values (`after`) and the unknown tree (`after_unknown`) of a block. */
function valuesOf(block: JsonObject): { after: JsonObject; unknown: JsonObject } {
  const after: Record<string, Json> = {};
  const unknown: Record<string, Json> = {};
  for (const [name, value] of Object.entries(block)) {
    if (name === '//' || name === 'provider' || name === 'depends_on' || name === 'lifecycle')
      continue;
    const blocks = isBlockList(name, value) ? value : isSingleBlock(name, value) ? [value] : null;
    if (blocks) {
      const read = blocks.map(valuesOf);
      after[name] = read.map((r) => r.after);
      if (read.some((r) => Object.keys(r.unknown).length > 0))
        unknown[name] = read.map((r) => r.unknown);
    } else if (hasTemplate(value)) {
      unknown[name] = true;
    } else {
      after[name] = value;
    }
  }
  return { after, unknown };
}

function providerConfig(cdktf: JsonObject): JsonObject {
  const out: Record<string, Json> = {};
  const providers = isObject(cdktf.provider) ? cdktf.provider : {};
  for (const [name, blocks] of Object.entries(providers)) {
    for (const block of isArray(blocks) ? blocks : [blocks]) {
      if (!isObject(block)) continue;
      const alias = typeof block.alias === 'string' ? block.alias : undefined;
      const key = alias ? `${name}.${alias}` : name;
      out[key] = { name, ...(alias ? { alias } : {}), expressions: expressionsOf(block) };
    }
  }
  return out;
}

/** Converts cdk.tf.json into plan JSON (format 1.2) with planned values and configuration. */
export function synthToPlanJson(cdktf: JsonObject): JsonObject {
  const changes: Json[] = [];
  const resources: Json[] = [];
  for (const mode of ['managed', 'data'] as const) {
    const section = cdktf[mode === 'data' ? 'data' : 'resource'];
    if (!isObject(section)) continue;
    for (const [type, byName] of Object.entries(section)) {
      if (!isObject(byName)) continue;
      for (const [name, block] of Object.entries(byName)) {
        if (!isObject(block)) continue;
        const address = `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
        const { after, unknown } = valuesOf(block);
        const provider = typeof block.provider === 'string' ? block.provider : type.split('_')[0];
        changes.push({
          address,
          mode,
          type,
          name,
          change: { actions: [mode === 'data' ? 'read' : 'create'], after, after_unknown: unknown },
        });
        resources.push({
          address,
          mode,
          type,
          name,
          provider_config_key: provider,
          expressions: expressionsOf(block),
        });
      }
    }
  }
  const outputs: Record<string, Json> = {};
  if (isObject(cdktf.output)) {
    for (const [name, output] of Object.entries(cdktf.output)) {
      if (!isObject(output)) continue;
      const value = output.value ?? null;
      const references = templateReferences(value);
      outputs[name] = {
        expression: references.length
          ? { constant_value: value, references }
          : { constant_value: value },
        ...(typeof output.description === 'string' ? { description: output.description } : {}),
      };
    }
  }
  return {
    format_version: '1.2',
    resource_changes: changes,
    configuration: {
      provider_config: providerConfig(cdktf),
      root_module: { resources, outputs },
    },
  };
}

/** A synthesized stack read into the plan model; `source.cdktf` is set to the synthesized JSON. */
export function parseSynth<S extends PlanSource>(cdktf: unknown, source: S): Plan<S> {
  if (!isObject(cdktf as Json))
    throw new Error(
      `InvalidSynth: ${source.file ?? source.stack} is not cdktf output: expected an object`,
    );
  const json = cdktf as JsonObject;
  return parsePlan(synthToPlanJson(json), { ...source, cdktf: json });
}
