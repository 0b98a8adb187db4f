// The provider override the harness writes next to a stack's cdk.tf.json in its work folder
// (Terraform merges `*_override.tf.json` into the provider blocks of the same alias): every
// endpoint the stack uses at the emulator, dummy keys, path-style S3, and assume_role into each
// provider's account, which is how moto keeps accounts apart.
// Override files: https://developer.hashicorp.com/terraform/language/files/override
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { endpointsFor } from './services';

/** moto's account when a provider names none (a stack synthesized in offline mode). */
export const MOTO_DEFAULT_ACCOUNT = '123456789012';
export const OVERRIDE_FILE = 'emulator_override.tf.json';

interface ProviderBlock {
  readonly alias?: string;
  readonly region: string;
  readonly allowed_account_ids?: readonly string[];
  readonly assume_role?: readonly { readonly role_arn?: string }[];
}

export interface StackDocument {
  readonly provider?: { readonly aws?: readonly ProviderBlock[] };
  readonly resource?: Record<string, Record<string, unknown>>;
  readonly data?: Record<string, Record<string, unknown>>;
}

export interface ProviderTarget {
  readonly alias?: string;
  readonly account: string;
  readonly region: string;
}

export function readStack(dir: string): StackDocument {
  return JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')) as StackDocument;
}

/** Each AWS provider's alias, Region and account (allowed_account_ids, else its assume_role). */
export function providerTargets(doc: StackDocument): ProviderTarget[] {
  return (doc.provider?.aws ?? []).map((p) => {
    const fromRole = /^arn:aws[\w-]*:iam::(\d{12}):role\//.exec(p.assume_role?.[0]?.role_arn ?? '');
    return {
      alias: p.alias,
      region: p.region,
      account: p.allowed_account_ids?.[0] ?? fromRole?.[1] ?? MOTO_DEFAULT_ACCOUNT,
    };
  });
}

/** The override document for a stack whose providers point at `endpoint`. */
export function providerOverride(doc: StackDocument, endpoint: string): object {
  const names = endpointsFor(Object.keys(doc.resource ?? {}), Object.keys(doc.data ?? {}));
  const endpoints = Object.fromEntries(names.map((name) => [name, endpoint]));
  return {
    provider: {
      aws: providerTargets(doc).map((target) => ({
        ...(target.alias ? { alias: target.alias } : {}),
        access_key: 'emulator-not-a-key',
        secret_key: 'emulator-not-a-secret',
        skip_credentials_validation: true,
        skip_metadata_api_check: 'true',
        skip_region_validation: true,
        skip_requesting_account_id: false,
        s3_use_path_style: true,
        // A dead emulator fails the run in seconds instead of minutes of retries.
        max_retries: 2,
        assume_role: [
          {
            role_arn: `arn:aws:iam::${target.account}:role/emulator`,
            session_name: 'apigw-private-emulator',
          },
        ],
        endpoints: [endpoints],
      })),
    },
  };
}

/** Writes the override into a stack's work folder and returns the providers' targets. */
export function writeProviderOverride(dir: string, endpoint: string): ProviderTarget[] {
  const doc = readStack(dir);
  writeFileSync(
    join(dir, OVERRIDE_FILE),
    `${JSON.stringify(providerOverride(doc, endpoint), null, 2)}\n`,
  );
  return providerTargets(doc);
}
