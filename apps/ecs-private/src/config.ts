import { z } from 'zod';
import { isCidr, overlappingPairs } from '@apigw-private/constructs/config/cidr';
import {
  availabilityZone,
  azsInRegion,
  certificateInRegion,
  cidr,
  clientCidrs,
  issue,
  logsSchema,
  singleTargetFields,
} from '@apigw-private/constructs/config/schema';

/** The five variants; each is one stack, named by its key in kebab case. */
export const VARIANTS = ['restNlb', 'restNlbAlb', 'httpAlb', 'httpNlb', 'httpCloudMap'] as const;
export type Variant = (typeof VARIANTS)[number];

/** Stack ID of each variant (part of the contract: state keys and cdktf.out/stacks/<id>). */
export const STACK_IDS: Record<Variant, string> = {
  restNlb: 'rest-nlb',
  restNlbAlb: 'rest-nlb-alb',
  httpAlb: 'http-alb',
  httpNlb: 'http-nlb',
  httpCloudMap: 'http-cloudmap',
};

const variantSchema = (vpcCidr: string) =>
  z
    .strictObject({
      /** Synthesize and plan this variant. */
      enabled: z.boolean().default(true),
      /** CIDR of the variant's VPC; must not overlap another variant's, so they can be peered or routed. */
      vpcCidr: cidr().default(vpcCidr),
    })
    .prefault({});

const DNS_NAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/**
 * Config of apps/ecs-private. Every field has a default, so `npm run plan` works with no file
 * and no environment; override with a JSON file (APIGW_CONFIG_FILE or
 * apps/ecs-private/config.local.json) or `APIGW__<path>` variables, e.g.
 * `APIGW__variants__httpAlb__enabled=false`.
 */
export const ecsPrivateConfigSchema = z
  .strictObject({
    ...singleTargetFields(),
    /** Availability Zones of every variant's private subnets. */
    azs: z.array(availabilityZone()).min(2).default(['us-east-1a', 'us-east-1b']),
    subnetNewBits: z.number().int().min(1).max(12).default(4),
    variants: z
      .strictObject({
        restNlb: variantSchema('10.41.0.0/16'),
        restNlbAlb: variantSchema('10.42.0.0/16'),
        httpAlb: variantSchema('10.43.0.0/16'),
        httpNlb: variantSchema('10.44.0.0/16'),
        httpCloudMap: variantSchema('10.45.0.0/16'),
      })
      .prefault({}),
    /** Networks allowed to call the private REST APIs' execute-api endpoint (default: each VPC). */
    clientCidrs: clientCidrs().min(1).optional(),
    container: z
      .strictObject({
        /** Image of the backend. The default serves a static page on port 80. */
        image: z.string().min(1).default('public.ecr.aws/nginx/nginx:stable'),
        port: z.number().int().min(1).max(65535).default(80),
        cpu: z.number().int().default(256),
        memory: z.number().int().default(512),
        desiredCount: z.number().int().min(0).default(2),
        /** Writable paths on the otherwise read-only root filesystem (nginx needs these three). */
        writablePaths: z.array(z.string()).default(['/var/cache/nginx', '/var/run', '/tmp']),
        /** Health check path of the load balancer target groups. */
        healthCheckPath: z.string().startsWith('/').default('/'),
        /**
         * Pull a public.ecr.aws image through an ECR pull-through cache rule. Private subnets
         * without NAT cannot reach public.ecr.aws; ECR fetches the image for them and serves it
         * through the ecr.api/ecr.dkr endpoints.
         */
        pullThroughCache: z.boolean().default(true),
      })
      .prefault({}),
    /**
     * Interface endpoints for ecr.api, ecr.dkr and logs plus an S3 gateway endpoint in each VPC.
     * The subnets have no NAT: without these the tasks cannot pull images or write logs. Turn off
     * only when the VPC already routes to those services (a NAT gateway or shared endpoints).
     */
    ecsEndpoints: z.boolean().default(true),
    loadBalancers: z
      .strictObject({
        /** Turn off before `terraform destroy` (destroy fails while it is on). */
        deletionProtection: z.boolean().default(true),
        /**
         * ACM certificate, of the app's Region, for TLS on the NLB (REST and HTTP NLB variants)
         * and HTTPS on the ALBs; without it the listeners are TCP 80 / HTTP 80 inside the VPC.
         */
        certificateArn: z.string().optional(),
        /** DNS name in that certificate; API Gateway verifies the backend certificate against it. */
        backendHostname: z.string().regex(DNS_NAME, { error: 'must be a DNS name' }).optional(),
        /** Days to keep load balancer access logs. */
        accessLogExpirationDays: z.number().int().min(1).default(90),
        /** Let destroy delete the access log bucket with its logs. */
        accessLogForceDestroy: z.boolean().default(false),
      })
      .prefault({}),
    rest: z
      .strictObject({
        stageName: z
          .string()
          .regex(/^[A-Za-z0-9_]{1,128}$/)
          .default('v1'),
        /** AWS_IAM: clients sign with SigV4. NONE: the resource policy alone guards the API. */
        authorization: z.enum(['AWS_IAM', 'NONE']).default('AWS_IAM'),
        /** 50-29000 ms. */
        timeoutMillis: z.number().int().min(50).max(29000).default(29000),
        throttleRateLimit: z.number().positive().default(100),
        throttleBurstLimit: z.number().int().positive().default(50),
      })
      .prefault({}),
    http: z
      .strictObject({
        /** A named stage adds /<stage> to the backend path; stripStagePath removes it. */
        stageName: z
          .string()
          .regex(/^(\$default|[A-Za-z0-9_-]{1,128})$/)
          .default('v1'),
        stripStagePath: z.boolean().default(true),
        /** Every route requires one of these (HTTP API endpoints are public). */
        authorization: z.enum(['JWT', 'AWS_IAM']).default('JWT'),
        jwt: z
          .strictObject({
            /** Token issuer, e.g. https://cognito-idp.<region>.amazonaws.com/<user-pool-id>. */
            issuer: z
              .string()
              .startsWith('https://')
              .default('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE'),
            /** Accepted audiences (Cognito app client IDs). */
            audience: z
              .array(z.string().min(1))
              .min(1)
              .default(['replace-with-your-app-client-id']),
          })
          .prefault({}),
        /** 50-30000 ms. */
        timeoutMillis: z.number().int().min(50).max(30000).default(29000),
        throttleRateLimit: z.number().positive().default(100),
        throttleBurstLimit: z.number().int().positive().default(50),
        /**
         * DiscoverInstances filters on the Cloud Map integration URI. ECS sets ECS_CLUSTER_NAME,
         * ECS_SERVICE_NAME and ECS_TASK_DEFINITION_FAMILY on every instance it registers; add
         * your own attributes (stage=prod&deployment=green) for instances you register yourself.
         */
        cloudMapFilters: z
          .record(z.string().min(1), z.string().min(1))
          .default({ ECS_SERVICE_NAME: 'http-cloudmap' }),
      })
      .prefault({}),
    logs: logsSchema,
    /**
     * Whether the first stack creates the account's ECR pull-through cache rule for public.ecr.aws
     * (prefix ecr-public; one per account and Region). Turn off when one exists.
     */
    manageEcrPullThroughRule: z.boolean().default(true),
  })
  .superRefine((config, ctx) => {
    azsInRegion(ctx, config.azs, config.region, ['azs']);
    const cidrs = Object.fromEntries(
      VARIANTS.map((v) => [v, config.variants[v].vpcCidr]).filter(([, c]) => isCidr(c)),
    );
    for (const [a, b] of overlappingPairs(cidrs)) {
      issue(
        ctx,
        ['variants', b, 'vpcCidr'],
        'OverlappingCidrs',
        `must not overlap variants.${a}.vpcCidr (${cidrs[a]})`,
        cidrs[b],
      );
    }
    const { certificateArn, backendHostname } = config.loadBalancers;
    if (certificateArn !== undefined) {
      certificateInRegion(
        ctx,
        ['loadBalancers', 'certificateArn'],
        certificateArn,
        config.region,
        'a load balancer listener',
      );
    }
    if ((certificateArn === undefined) !== (backendHostname === undefined)) {
      issue(
        ctx,
        ['loadBalancers', 'backendHostname'],
        'IncompleteTlsConfig',
        'must be set together with loadBalancers.certificateArn (the name API Gateway verifies in that certificate)',
        backendHostname,
      );
    }
  });

export type EcsPrivateConfig = z.output<typeof ecsPrivateConfigSchema>;
