import { readFileSync } from 'node:fs';
import { parseAddress } from '@apigw-private/tools/tfjson';
import { getPath, isArray, isObject, Json, JsonObject } from '@apigw-private/tools/tfjson';
import { COMMENT_KEY, GUARDRAILS_KEY, SUPPRESSIONS_KEY } from '../suppression-format';

/** A rule switched off for one resource, with the reason written next to the code that needs it. */
export interface Suppression {
  readonly rule: string;
  /** Terraform address; a base address (`aws_lb.x`) covers every instance (`aws_lb.x[0]`). */
  readonly address: string;
  readonly reason: string;
  /** Where it was written: `cdk.tf.json (construct app/stack/lb/resource)` or the suppressions file. */
  readonly origin: string;
}

/** Suppressions recorded by `suppress()` in a synthesized cdk.tf.json (`"//": { "guardrails": ... }`). */
export function suppressionsFromCdktf(cdktf: JsonObject, file: string): readonly Suppression[] {
  const out: Suppression[] = [];
  for (const [block, prefix] of [
    ['resource', ''],
    ['data', 'data.'],
  ] as const) {
    const types = cdktf[block];
    if (!isObject(types)) continue;
    for (const [type, byName] of Object.entries(types)) {
      if (!isObject(byName)) continue;
      for (const [name, body] of Object.entries(byName)) {
        const comment = getPath(body, [COMMENT_KEY]);
        const entries = getPath(comment, [GUARDRAILS_KEY, SUPPRESSIONS_KEY]);
        if (!isObject(entries)) continue;
        const path = getPath(comment, ['metadata', 'path']);
        const origin = `${file}${typeof path === 'string' ? ` (construct ${path})` : ''}`;
        for (const [rule, reason] of Object.entries(entries)) {
          out.push({
            rule,
            address: `${prefix}${type}.${name}`,
            reason: typeof reason === 'string' ? reason : '',
            origin,
          });
        }
      }
    }
  }
  return out;
}

/**
 * A suppressions file for plans not written by cdktf:
 *
 *   { "suppressions": [ { "rule": "ELB-002", "address": "aws_lb.test", "reason": "..." } ] }
 *
 * An entry may name a `stack` to apply to one stack only. Throws InvalidSuppressions with every
 * bad entry listed.
 */
export interface FileSuppression extends Suppression {
  readonly stack?: string;
}

export function parseSuppressionsFile(json: Json, file: string): readonly FileSuppression[] {
  const list = isObject(json) ? json.suppressions : undefined;
  if (!isArray(list)) {
    throw new Error(`InvalidSuppressions: ${file} must be an object with a "suppressions" array`);
  }
  const problems: string[] = [];
  const out: FileSuppression[] = [];
  list.forEach((entry, i) => {
    if (!isObject(entry)) {
      problems.push(`suppressions[${i}] must be an object, got ${JSON.stringify(entry)}`);
      return;
    }
    const { rule, address, reason, stack } = entry;
    if (typeof rule !== 'string' || rule === '')
      problems.push(`suppressions[${i}].rule must be a rule ID, got ${JSON.stringify(rule)}`);
    if (typeof address !== 'string' || !parseAddress(address)) {
      problems.push(
        `suppressions[${i}].address must be a Terraform resource address, got ${JSON.stringify(address)}`,
      );
    }
    if (reason !== undefined && typeof reason !== 'string')
      problems.push(`suppressions[${i}].reason must be a string, got ${JSON.stringify(reason)}`);
    if (stack !== undefined && typeof stack !== 'string')
      problems.push(`suppressions[${i}].stack must be a string, got ${JSON.stringify(stack)}`);
    if (typeof rule === 'string' && typeof address === 'string') {
      out.push({
        rule,
        address,
        reason: typeof reason === 'string' ? reason : '',
        origin: file,
        stack: typeof stack === 'string' ? stack : undefined,
      });
    }
  });
  if (problems.length > 0) throw new Error(`InvalidSuppressions: ${file}: ${problems.join('; ')}`);
  return out;
}

export function readSuppressionsFile(file: string): readonly FileSuppression[] {
  let json: Json;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as Json;
  } catch (error) {
    throw new Error(`InvalidSuppressions: cannot read ${file}: ${(error as Error).message}`);
  }
  return parseSuppressionsFile(json, file);
}

/** True when the suppression covers a finding at `address` (same instance, or its base address). */
export function covers(suppression: Suppression, address: string): boolean {
  if (suppression.address === address) return true;
  const base = parseAddress(address)?.base;
  return base !== undefined && base === suppression.address;
}
