// Seeds what a stack's config refers to but does not create, and hands the real identifiers to the
// app through its config file (APIGW_CONFIG_FILE). The apps themselves know nothing of the
// emulator. Today: ACM certificates, imported for the account and Region named in each
// certificate ARN of the app's default config.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { multiRegionConfigSchema } from '../../apps/multi-region/src/config';
import { EmulatorError } from './moto';

const CERTIFICATE_ARN = /arn:aws[\w-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/[\w-]+/g;

/** Apps whose default config refers to resources the stacks do not create. */
const SEEDED: Record<string, z.ZodType> = { 'multi-region': multiRegionConfigSchema };

/** Certificate ARNs in a text, with the account and Region each names. */
export function certificateArns(text: string): { arn: string; account: string; region: string }[] {
  const found = new Map<string, { arn: string; account: string; region: string }>();
  for (const m of text.matchAll(CERTIFICATE_ARN))
    found.set(m[0], { arn: m[0], region: m[1], account: m[2] });
  return [...found.values()];
}

/** Imports a certificate into the emulator's ACM and returns its ARN. */
export function importCertificate(
  python: string,
  endpoint: string,
  place: { account: string; region: string },
  domain: string,
): string {
  const script = join(__dirname, 'moto', 'seed.py');
  const result = spawnSync(
    python,
    [script, endpoint, 'certificate', place.account, place.region, domain],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0)
    throw new EmulatorError(
      `seeding a certificate in ${place.account}/${place.region} failed:\n${result.stderr}`,
    );
  return result.stdout.trim();
}

/**
 * Seeds the emulator for an app and writes the config file that hands the seeded identifiers in;
 * returns the environment for the synth (empty when the app needs no seeds).
 */
export function seedApp(
  app: string,
  python: string,
  endpoint: string,
  workDir: string,
): Record<string, string> {
  const schema = SEEDED[app];
  if (!schema) return {};
  let text = JSON.stringify(schema.parse({}));
  for (const cert of certificateArns(text)) {
    const real = importCertificate(python, endpoint, cert, 'internal.example.com');
    text = text.split(cert.arn).join(real);
  }
  const file = join(workDir, 'emulator-config.json');
  writeFileSync(file, text);
  return { APIGW_CONFIG_FILE: file };
}
