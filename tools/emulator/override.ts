// The provider override the harness writes next to a stack's cdk.tf.json in its work folder
// (Terraform merges `*_override.tf.json` into the provider blocks of the same alias): every
// endpoint the stack uses at the emulator, dummy keys, path-style S3, and assume_role into each
// provider's account, which is how moto keeps accounts apart.
// Override files: https://developer.hashicorp.com/terraform/language/files/override
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Plan, readStack } from '@apigw-private/tools/tfjson';
import { endpointsFor } from './services';

/** moto's account when a provider names none (a stack synthesized in offline mode). */
export const MOTO_DEFAULT_ACCOUNT = '123456789012';
export const OVERRIDE_FILE = 'emulator_override.tf.json';

export interface ProviderTarget {
  readonly alias?: string;
  readonly account: string;
  readonly region: string;
}

/** Each AWS provider's alias, Region and account (allowed_account_ids, else its assume_role). */
export function providerTargets(stack: Plan): ProviderTarget[] {
  return [...stack.providers().values()]
    .filter((p) => p.name === 'aws')
    .map((p) => {
      const fromRole = /^arn:aws[\w-]*:iam::(\d{12}):role\//.exec(p.assumeRoleArn ?? '');
      return {
        alias: p.alias,
        region: p.region ?? 'us-east-1',
        account: p.allowedAccountIds[0] ?? fromRole?.[1] ?? MOTO_DEFAULT_ACCOUNT,
      };
    });
}

/** The override document for a stack whose providers point at `endpoint`. */
export function providerOverride(stack: Plan, endpoint: string): object {
  const names = endpointsFor(
    stack.resources.filter((r) => r.mode === 'managed').map((r) => r.type),
    stack.resources.filter((r) => r.mode === 'data').map((r) => r.type),
  );
  const endpoints = Object.fromEntries(names.map((name) => [name, endpoint]));
  return {
    provider: {
      aws: providerTargets(stack).map((target) => ({
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

/**
 * Writes the override into a stack's work folder (`<outDir>/stacks/<stack>`, read through the
 * shared Terraform JSON reader) and returns the providers' targets and the stack as read.
 */
export function writeProviderOverride(
  outDir: string,
  stack: string,
  endpoint: string,
): { readonly targets: ProviderTarget[]; readonly stack: Plan } {
  const { synth, dir } = readStack(outDir, stack);
  writeFileSync(
    join(dir, OVERRIDE_FILE),
    `${JSON.stringify(providerOverride(synth, endpoint), null, 2)}\n`,
  );
  return { targets: providerTargets(synth), stack: synth };
}
