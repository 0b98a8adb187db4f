import { z } from 'zod';
import { certificateProblems } from './certificate';
import { coversEveryAddress, isCidr } from './cidr';
import {
  EXTRA_REGIONS_ENV,
  REGION_ALLOWED,
  isAvailabilityZoneOf,
  isKnownRegion,
  regionOfAvailabilityZone,
} from './regions';

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

/**
 * Adds one problem to a refinement: `code` is its stable code, `message` says what is allowed and
 * `input` is the value given.
 */
export function issue(
  ctx: z.RefinementCtx,
  path: (string | number)[],
  code: string,
  message: string,
  input: unknown,
): void {
  ctx.addIssue({ code: 'custom', path, message, params: { code }, input });
}

export const accountId = () =>
  matching(/^\d{12}$/, 'InvalidAccountId', 'must be a 12-digit AWS account ID');

/** A Region of the AWS SDK's partition data, or one named in APIGW_EXTRA_REGIONS. */
export const region = () => z.string().refine(isKnownRegion, rule('InvalidRegion', REGION_ALLOWED));

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

/** An Availability Zone name: a known Region code followed by a letter, e.g. us-east-1a. */
export const availabilityZone = () =>
  z
    .string()
    .refine(
      isAvailabilityZone,
      rule(
        'InvalidAvailabilityZone',
        `must be an Availability Zone name: a Region code followed by a letter a-f, such as us-east-1a (add newer ones to ${EXTRA_REGIONS_ENV})`,
      ),
    );

function isAvailabilityZone(az: string): boolean {
  const regionName = regionOfAvailabilityZone(az);
  return (
    regionName !== undefined && isKnownRegion(regionName) && isAvailabilityZoneOf(az, regionName)
  );
}

/**
 * Client networks: IPv4 CIDR blocks that together must not cover every address (`0.0.0.0/1`
 * plus `128.0.0.0/1` opens the port to the internet as surely as `0.0.0.0/0`).
 */
export const clientCidrs = () =>
  z
    .array(cidr())
    .refine(
      (cidrs) => !coversEveryAddress(cidrs),
      rule(
        'OpenIngress',
        'must not together cover every IPv4 address: name the client networks, not the internet',
      ),
    );

/**
 * An EC2 instance type name, `<family>.<size>`: the family holds the generation number
 * (t3, m7gd, u-6tb1, mac2-m2pro), the size is nano to metal (large, 2xlarge, metal-24xl).
 * https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html
 */
export const ec2InstanceType = () =>
  matching(
    /^(?=[^.]*\d)[a-z][a-z0-9]*(-[a-z0-9]+)*\.(nano|micro|small|medium|large|\d*xlarge|metal(-\d+xl)?)$/,
    'InvalidInstanceType',
    'must be an EC2 instance type such as t3.micro: a family with its generation, a dot and a size',
  );

/**
 * A general purpose S3 bucket name: 3-63 characters of a-z, 0-9, `.` and `-`, beginning and
 * ending with a letter or digit, no `..`, not an IP address, none of the reserved prefixes
 * (xn--, sthree-, amzn-s3-demo-) or suffixes (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export function isS3BucketName(name: string): boolean {
  return (
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name) &&
    !/^(xn--|sthree-|amzn-s3-demo-)/.test(name) &&
    !/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)
  );
}

export const s3BucketName = () =>
  z
    .string()
    .refine(
      isS3BucketName,
      rule(
        'InvalidBucketName',
        'must be an S3 bucket name: 3-63 characters of a-z, 0-9, "." and "-", starting and ending with a letter or digit, not an IP address, without ".." or a reserved prefix or suffix',
      ),
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
  bucket: s3BucketName(),
  /** Region of the bucket. */
  region: region(),
  /** Key prefix; each stack gets `<prefix>/<app>/<stack>.tfstate`. */
  keyPrefix: z.string().default('apigw-private'),
});
export type BackendConfig = z.output<typeof backendSchema>;

/**
 * The fields of an app config that deploys into one account and Region: the account and Region
 * of its stacks, the role assumed there in deploy mode and the S3 backend. Spread them into the
 * app's schema; `singleTargetStackProps` (app/reference-stack) turns them into stack props.
 */
export function singleTargetFields(
  defaults: { readonly accountId: string; readonly region: string } = {
    accountId: '111111111111',
    region: 'us-east-1',
  },
) {
  return {
    /** Account the stacks deploy into (placeholder by default; offline plans never call AWS). */
    accountId: accountId().default(defaults.accountId),
    region: region().default(defaults.region),
    /** IAM role assumed in the account in deploy mode; leave out to use your own identity. */
    roleName: roleName().optional(),
    /** S3 backend for deploy mode: state key `<keyPrefix>/<app>/<stack>.tfstate`, S3 locking. */
    backend: backendSchema.optional(),
  };
}

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
        issue(
          ctx,
          ['azs', i],
          'DuplicateAvailabilityZone',
          'must name each Availability Zone once',
          az,
        );
      }
      seen.add(az);
    });
  });
export type NetworkConfig = z.output<typeof networkSchema>;

/**
 * Checks that every AZ of a network lies in the given Region: its name is the Region code and a
 * letter. Whether that zone is offered to your account is only known to AWS (apply fails there).
 */
export function azsInRegion(
  ctx: z.RefinementCtx,
  azs: readonly string[],
  regionName: string,
  path: (string | number)[],
): void {
  // An unknown Region or a malformed AZ has its own problem already.
  if (!isKnownRegion(regionName)) return;
  azs.forEach((az, i) => {
    if (isAvailabilityZone(az) && !isAvailabilityZoneOf(az, regionName)) {
      issue(
        ctx,
        [...path, i],
        'AvailabilityZoneOutsideRegion',
        `must be an Availability Zone of Region ${regionName} (${regionName}a, ${regionName}b, ...)`,
        az,
      );
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

/** The certificate check of `certificateProblems`, as issues of a refinement at `path`. */
export function certificateInRegion(
  ctx: z.RefinementCtx,
  path: (string | number)[],
  arn: string | undefined,
  regionName: string,
  use: string,
): void {
  for (const p of certificateProblems(arn, regionName, path.join('.'), use))
    issue(ctx, path, p.code, p.allowed, p.value);
}
