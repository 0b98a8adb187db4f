// Seeds what a stack's config refers to but does not create, and hands the real identifiers to
// the app through its documented config overrides (APIGW__ variables). The apps know nothing of
// the emulator. Today: ACM certificates. Each seed names the config field that holds a
// certificate ARN; the account and Region come from the ARN the default config puts there.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listStacks } from '@apigw-private/tools/plan-runner/terraform';
import { EmulatorError } from './moto';

export interface CertificateSeed {
  /** The config override that takes the certificate ARN. */
  readonly env: string;
  /** Region of the certificate the default config names in that field. */
  readonly region: string;
  /** Domain the certificate is issued for (a wildcard is added). */
  readonly domain: string;
}

/** Certificates each app's default config refers to. */
export const SEEDS: Readonly<Record<string, readonly CertificateSeed[]>> = {
  'multi-region': [
    {
      env: 'APIGW__regions__east__certificateArn',
      region: 'us-east-1',
      domain: 'internal.example.com',
    },
    {
      env: 'APIGW__regions__west__certificateArn',
      region: 'us-west-2',
      domain: 'internal.example.com',
    },
  ],
  'on-premises': [
    {
      env: 'APIGW__customDomain__certificateArn',
      region: 'us-east-1',
      domain: 'api.onprem.example.internal',
    },
  ],
};

const CERTIFICATE_ARN = /arn:aws[\w-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/[\w-]+/g;

/** Certificate ARNs in the synthesized stacks of an output folder, with account and Region. */
export function certificateArns(
  outdir: string,
): { arn: string; account: string; region: string }[] {
  const found = new Map<string, { arn: string; account: string; region: string }>();
  for (const stack of listStacks(outdir)) {
    const text = readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8');
    for (const m of text.matchAll(CERTIFICATE_ARN))
      found.set(m[0], { arn: m[0], region: m[1], account: m[2] });
  }
  return [...found.values()];
}

/** Imports a self-signed certificate into the emulator's ACM (moto/seed.py) and returns its ARN. */
export function importCertificate(
  python: string,
  endpoint: string,
  place: { account: string; region: string },
  domain: string,
): string {
  const script = join(__dirname, 'moto', 'seed.py');
  const args = [script, endpoint, 'certificate', place.account, place.region, domain];
  const result = spawnSync(python, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new EmulatorError(
      `seeding a certificate in ${place.account}/${place.region} failed:\n${result.stderr}`,
    );
  }
  return result.stdout.trim();
}

/**
 * Imports the certificates an app's default synth (in `outdir`) refers to and returns the config
 * overrides that hand their ARNs in (empty when the app needs no seeds).
 */
export function seedApp(
  app: string,
  python: string,
  endpoint: string,
  outdir: string,
): Record<string, string> {
  const seeds = SEEDS[app] ?? [];
  const placeholders = certificateArns(outdir);
  const env: Record<string, string> = {};
  for (const seed of seeds) {
    const placeholder = placeholders.find((p) => p.region === seed.region);
    if (!placeholder) continue;
    env[seed.env] = importCertificate(python, endpoint, placeholder, seed.domain);
  }
  return env;
}

/** Fails when a synthesized stack still names a certificate the emulator does not hold. */
export function checkSeeded(outdir: string, seeded: Record<string, string>): void {
  const known = new Set(Object.values(seeded));
  const missing = certificateArns(outdir).filter((c) => !known.has(c.arn));
  if (missing.length > 0) {
    throw new EmulatorError(
      `the stacks refer to certificate(s) the emulator does not hold: ${missing.map((m) => m.arn).join(', ')}; ` +
        'declare the config field that sets each in SEEDS (tools/emulator/seeds.ts)',
    );
  }
}
