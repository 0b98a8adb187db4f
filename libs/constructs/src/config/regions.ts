import { partition } from '@aws-sdk/util-endpoints';

/**
 * Which Regions and Availability Zones a config may name. Regions come from the AWS SDK's own
 * partition data (`partition()` of @aws-sdk/util-endpoints, the table every SDK client resolves
 * endpoints with), so there is no list kept by hand here. A Region newer than the installed SDK
 * is named in `APIGW_EXTRA_REGIONS`.
 */

/**
 * Comma-separated Regions (and Availability Zones) to accept beyond the SDK's data:
 * `APIGW_EXTRA_REGIONS=xx-newregion-1,us-east-1g`.
 */
export const EXTRA_REGIONS_ENV = 'APIGW_EXTRA_REGIONS';

/**
 * The form of a Region code: `us-east-1`, `us-gov-west-1`, `eusc-de-east-1`.
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
 */
const REGION_FORM = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

/**
 * "The code for an Availability Zone is its Region code followed by a letter identifier", e.g.
 * us-east-2a. The widest Region today, us-east-1, has six (a to f); a later letter is accepted
 * through APIGW_EXTRA_REGIONS.
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html
 */
const AZ_LETTERS = /^[a-f]$/;

function extras(env: NodeJS.ProcessEnv): Set<string> {
  return new Set(
    (env[EXTRA_REGIONS_ENV] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

let activeEnv: NodeJS.ProcessEnv | undefined;

/** Runs `check` with `env` as the environment the Region checks read (tests, loadConfig's env). */
export function withRegionEnv<T>(env: NodeJS.ProcessEnv, check: () => T): T {
  const previous = activeEnv;
  activeEnv = env;
  try {
    return check();
  } finally {
    activeEnv = previous;
  }
}

function currentExtras(): Set<string> {
  return extras(activeEnv ?? process.env);
}

/**
 * True for a Region of the SDK's partition data (its pseudo-Regions such as `aws-global` left
 * out) or one named in APIGW_EXTRA_REGIONS.
 */
export function isKnownRegion(name: string): boolean {
  if (!REGION_FORM.test(name)) return false;
  if (currentExtras().has(name)) return true;
  // partition() answers for any text; only Regions listed in the data carry a description.
  const data = partition(name) as { description?: string };
  return data.description !== undefined;
}

/**
 * True when `az` has the form of an Availability Zone of `region`: the Region code and one
 * letter a-f, or a name listed in APIGW_EXTRA_REGIONS. Whether that zone is enabled for your
 * account cannot be known offline (accounts see different sets in the oldest Regions).
 */
export function isAvailabilityZoneOf(az: string, region: string): boolean {
  if (currentExtras().has(az)) return az.startsWith(region) && az.length === region.length + 1;
  return az.startsWith(region) && AZ_LETTERS.test(az.slice(region.length));
}

/** The Region part of an AZ name (`us-east-1a` -> `us-east-1`), or undefined when it has none. */
export function regionOfAvailabilityZone(az: string): string | undefined {
  const match = /^(.*\d)[a-z]$/.exec(az);
  return match ? match[1] : undefined;
}

export const REGION_ALLOWED = `must be an AWS Region in the AWS SDK's partition data, such as us-east-1 (for a Region newer than the installed SDK, add it to ${EXTRA_REGIONS_ENV})`;
