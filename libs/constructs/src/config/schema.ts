import { z } from 'zod';
import { isCidr } from './cidr';

/**
 * Zod building blocks shared by every app's config schema. Each custom check carries a stable
 * code in `params.code` and a message that says what is allowed; `parseConfig` turns them into
 * one ValidationError.
 */
function rule(code: string, allowed: string) {
  return { error: allowed, params: { code } };
}

/** A string that must match `pattern`; the issue carries `code` (zod keeps params on refinements only). */
export function matching(pattern: RegExp, code: string, allowed: string) {
  return z.string().refine((value) => pattern.test(value), rule(code, allowed));
}

export const accountId = () =>
  matching(/^\d{12}$/, 'InvalidAccountId', 'must be a 12-digit AWS account ID');

export const region = () =>
  matching(
    /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/,
    'InvalidRegion',
    'must be an AWS Region code such as us-east-1',
  );

export const cidr = () =>
  z
    .string()
    .refine(
      isCidr,
      rule(
        'InvalidCidr',
        'must be an IPv4 CIDR block given by its network address, e.g. 10.0.0.0/16',
      ),
    );

export const availabilityZone = () =>
  matching(
    /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d[a-z]$/,
    'InvalidAvailabilityZone',
    'must be an Availability Zone name such as us-east-1a',
  );

/** An IAM role name (not an ARN). */
export const roleName = () =>
  matching(
    /^[\w+=,.@-]{1,64}$/,
    'InvalidRoleName',
    'must be an IAM role name of 1-64 characters [A-Za-z0-9+=,.@_-]',
  );

export const retentionDays = () =>
  z
    .number()
    .refine(
      (d) => LOG_RETENTION_DAYS.includes(d),
      rule(
        'InvalidRetention',
        `must be one of the CloudWatch Logs retention values ${LOG_RETENTION_DAYS.join(', ')}`,
      ),
    );

/** Retention periods CloudWatch Logs accepts (0, "never expire", is left out on purpose). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
];

/** Where Terraform keeps state in deploy mode. Offline plans always use a local backend. */
export const backendSchema = z.strictObject({
  /** S3 bucket for state. */
  bucket: z.string().min(3),
  /** Region of the bucket. */
  region: region(),
  /** Key prefix; each stack gets `<prefix>/<app>/<stack>.tfstate`. */
  keyPrefix: z.string().default('apigw-private'),
});
export type BackendConfig = z.output<typeof backendSchema>;

/**
 * The network of one VPC: its CIDR and the Availability Zones of its private subnets. AZs are
 * named explicitly (no availability-zones data source), so plans need no AWS account.
 */
export const networkSchema = z
  .strictObject({
    vpcCidr: cidr(),
    azs: z
      .array(availabilityZone())
      .refine(
        (azs) => azs.length >= 2,
        rule('TooFewAvailabilityZones', 'must list at least two Availability Zones'),
      ),
    /** Extra prefix bits for each subnet carved from the VPC CIDR (4 turns a /16 into /20s). */
    subnetNewBits: z.number().int().min(1).max(12).default(4),
  })
  .superRefine((n, ctx) => {
    const seen = new Set<string>();
    n.azs.forEach((az, i) => {
      if (seen.has(az)) {
        ctx.addIssue({
          code: 'custom',
          path: ['azs', i],
          message: 'must name each Availability Zone once',
          params: { code: 'DuplicateAvailabilityZone' },
          input: az,
        });
      }
      seen.add(az);
    });
  });
export type NetworkConfig = z.output<typeof networkSchema>;

/** Checks that every AZ of a network lies in the given Region. */
export function azsInRegion(
  ctx: z.RefinementCtx,
  azs: readonly string[],
  regionName: string,
  path: (string | number)[],
): void {
  azs.forEach((az, i) => {
    if (!az.startsWith(regionName) || az.length !== regionName.length + 1) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, i],
        message: `must be an Availability Zone of Region ${regionName} (${regionName}a, ${regionName}b, ...)`,
        params: { code: 'AvailabilityZoneOutsideRegion' },
        input: az,
      });
    }
  });
}

/** Log settings every app shares: retention, and whether a customer managed KMS key encrypts. */
export const logsSchema = z
  .strictObject({
    retentionDays: retentionDays().default(90),
    /** Encrypt log groups with a customer managed KMS key (about 1 USD a month per key). */
    kmsKey: z.boolean().default(true),
  })
  .prefault({});
export type LogsConfig = z.output<typeof logsSchema>;

export interface RestApiSchemaDefaults {
  /** Default API name. */
  readonly name: string;
  /** Default method authorization. */
  readonly authorization: 'AWS_IAM' | 'NONE';
}

/**
 * The private REST API settings every app shares: name, stage, method authorization (AWS_IAM:
 * callers sign with SigV4; NONE: the resource policy alone decides), execution logging level and
 * stage throttling.
 */
export function restApiSchema(defaults: RestApiSchemaDefaults) {
  return z
    .strictObject({
      name: matching(
        /^[A-Za-z0-9_-]{1,100}$/,
        'InvalidApiName',
        'must be 1-100 characters of [A-Za-z0-9_-]',
      ).default(defaults.name),
      stageName: matching(
        /^[A-Za-z0-9_]{1,128}$/,
        'InvalidStageName',
        'must be 1-128 characters of [A-Za-z0-9_]',
      ).default('v1'),
      authorization: z.enum(['AWS_IAM', 'NONE']).default(defaults.authorization),
      loggingLevel: z.enum(['ERROR', 'INFO']).default('INFO'),
      throttleRateLimit: z.number().positive().default(100),
      throttleBurstLimit: z.number().int().positive().default(50),
    })
    .prefault({});
}
