import { z } from 'zod';
import { cidrsOverlap } from '@apigw-private/constructs/config/cidr';
import {
  accountId,
  azsInRegion,
  backendSchema,
  ec2InstanceType,
  issue,
  logsSchema,
  matching,
  networkSchema,
  region,
  roleName,
} from '@apigw-private/constructs/config/schema';

/**
 * Stack IDs of apps/cross-account, one per variant. They are part of the contract: they name the
 * state files and cdktf.out/stacks/<id>.
 */
export const STACKS = {
  /** Variant 1a + 2: public REST front door in A -> private API in B, over a Transit Gateway. */
  frontDoorTgw: 'front-door-tgw',
  /** Variant 1a + 2: the same over VPC peering. */
  frontDoorPeering: 'front-door-peering',
  /** Variant 1b: HTTP API front door (VPC link v2), connectivity chosen by config. */
  frontDoorHttp: 'front-door-http',
  /** Variant 3: an execute-api endpoint in A invokes B's private API, no front door. */
  crossAccountEndpoint: 'cross-account-endpoint',
  /** Variant 4: central private API -> PrivateLink -> ECS in service A and an ASG in service B. */
  privateLink: 'privatelink',
  /** Variant 5: central private API -> Lambda in another account through its resource policy. */
  crossAccountLambda: 'cross-account-lambda',
} as const;
export type StackId = (typeof STACKS)[keyof typeof STACKS];

/** Short stack names for AWS names with tight length limits (IAM role name prefixes, say). */
export const SHORT_NAMES: Record<StackId, string> = {
  'front-door-tgw': 'fd-tgw',
  'front-door-peering': 'fd-peering',
  'front-door-http': 'fd-http',
  'cross-account-endpoint': 'xa-endpoint',
  privatelink: 'privatelink',
  'cross-account-lambda': 'xa-lambda',
};

/** One AWS account of the app: its ID, the role assumed there in deploy mode, its Region. */
const accountSchema = (defaultId: string) =>
  z
    .strictObject({
      accountId: accountId(),
      /** Role assumed in the account in deploy mode; leave out to use the credential chain's identity. */
      roleName: roleName().optional(),
      /** Region of the account's resources; every account must use the app's Region. */
      region: region().optional(),
    })
    .prefault({ accountId: defaultId });

const network = (vpcCidr: string) =>
  networkSchema.prefault({ vpcCidr, azs: ['us-east-1a', 'us-east-1b'] });

/**
 * Config of apps/cross-account. Every field has a default, so `npm run plan` works with no file;
 * override with a JSON file (APIGW_CONFIG_FILE or apps/cross-account/config.local.json) or
 * `APIGW__<path>` variables, e.g. `APIGW__accounts__b__accountId=210987654321`.
 */
export const crossAccountConfigSchema = z
  .strictObject({
    /** The one Region of every account: cross-account private API access works within a Region. */
    region: region().default('us-east-1'),
    accounts: z
      .strictObject({
        /** Account A: the front door (variants 1-2) or the calling endpoint (variant 3). */
        a: accountSchema('111111111111'),
        /** Account B: owns the private REST API (variants 1-3). */
        b: accountSchema('222222222222'),
        /** The central API account of the PrivateLink and Lambda variants (4-5). */
        central: accountSchema('333333333333'),
        /** Resource account A of variant 4: the ECS service behind its NLB and endpoint service. */
        serviceA: accountSchema('444444444444'),
        /** Resource account B of variant 4: the EC2 Auto Scaling group behind its NLB and endpoint service. */
        serviceB: accountSchema('555555555555'),
        /** Account of the Lambda function behind the central API (variant 5). */
        lambda: accountSchema('666666666666'),
      })
      .prefault({}),
    networks: z
      .strictObject({
        a: network('10.1.0.0/16'),
        b: network('10.2.0.0/16'),
        central: network('10.3.0.0/16'),
        // PrivateLink needs no routing between VPCs, so resource networks may overlap the central
        // one or each other: both default to the same range to show it.
        serviceA: network('10.20.0.0/16'),
        serviceB: network('10.20.0.0/16'),
      })
      .prefault({}),
    /** The private REST API of account B (variants 1-3) and of the central account (4-5). */
    privateApi: z
      .strictObject({
        name: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,100}$/, { error: 'must be 1-100 characters of [A-Za-z0-9_-]' })
          .default('cross-account'),
        stageName: z
          .string()
          .regex(/^[A-Za-z0-9_]{1,128}$/, { error: 'must be 1-128 characters of [A-Za-z0-9_]' })
          .default('v1'),
        loggingLevel: z.enum(['ERROR', 'INFO']).default('INFO'),
        throttleRateLimit: z.number().positive().default(100),
        throttleBurstLimit: z.number().int().positive().default(50),
        /**
         * Authorization of the central API's methods (variants 4-5): AWS_IAM (SigV4 callers) or
         * NONE (the resource policy alone restricts callers to the central endpoint).
         */
        centralAuthorization: z.enum(['AWS_IAM', 'NONE']).default('AWS_IAM'),
      })
      .prefault({}),
    frontDoor: z
      .strictObject({
        /** Connectivity of the HTTP API front door (variant 1b); the REST one is planned with both. */
        connectivity: z.enum(['transit-gateway', 'vpc-peering']).default('transit-gateway'),
        /**
         * Authorizer of the REST front door. It is mandatory: `none` is refused, because the front
         * door is on the internet and the private API behind it trusts every request it forwards.
         */
        authorizer: z
          .strictObject({
            type: z
              .enum(['lambda-request', 'lambda-token', 'cognito', 'none'])
              .default('lambda-request'),
            /** SHA-256 (hex) of the bearer token the bundled Lambda authorizer accepts; unset = deny all. */
            tokenSha256: matching(
              /^[0-9a-f]{64}$/,
              'InvalidTokenHash',
              'must be a SHA-256 digest in lowercase hex (64 characters)',
            ).optional(),
            /** Seconds API Gateway caches a decision. */
            resultTtlSeconds: z.number().int().min(0).max(3600).default(300),
            /** User pools of a `cognito` authorizer (existing pools). */
            cognitoUserPoolArns: z.array(z.string()).default([]),
          })
          .prefault({}),
        /**
         * JWT issuer and audience of the HTTP API front door. Leave out to create a Cognito user
         * pool and app client in account A for it.
         */
        jwt: z
          .strictObject({
            issuer: z
              .string()
              .regex(/^https:\/\/\S+$/, { error: 'must be an https:// issuer URL' }),
            audience: z.array(z.string().min(1)).min(1),
          })
          .optional(),
        throttleRateLimit: z.number().positive().default(50),
        throttleBurstLimit: z.number().int().positive().default(25),
      })
      .prefault({}),
    transitGateway: z
      .strictObject({
        /** Which account owns the Transit Gateway and shares it with the other through RAM. */
        owner: z.enum(['a', 'b']).default('a'),
        /** `default`: the TGW default route table; `dedicated`: one route table, explicit associations. */
        routing: z.enum(['default', 'dedicated']).default('default'),
        /** Share with an account outside the owner's AWS Organization (it accepts the invitation). */
        allowExternalPrincipals: z.boolean().default(false),
        amazonSideAsn: z.number().int().default(64512),
      })
      .prefault({}),
    privateLink: z
      .strictObject({
        /** Container image of the ECS service in service account A (pulled through ECR endpoints). */
        ecsImage: z.string().min(1).default('public.ecr.aws/nginx/nginx:stable'),
        ecsPort: z.number().int().min(1).max(65535).default(80),
        /**
         * Create the ECR pull-through cache rule for ECR Public (prefix `ecr-public`) in service
         * account A. An account has one rule per prefix: turn off when it exists already.
         */
        createPullThroughCacheRule: z.boolean().default(true),
        /** Image of the Auto Scaling group's instances: an AMI ID or resolve:ssm:<parameter>. */
        asgImageId: z.string().optional(),
        asgInstanceType: ec2InstanceType().default('t3.micro'),
        asgPort: z.number().int().min(1).max(65535).default(8080),
      })
      .prefault({}),
    loadBalancers: z
      .strictObject({
        /** Turn off before `terraform destroy`. */
        deletionProtection: z.boolean().default(true),
        /** Days to keep load balancer access logs. */
        accessLogsExpirationDays: z.number().int().min(1).default(90),
      })
      .prefault({}),
    logs: logsSchema,
    /** S3 backend for deploy mode. */
    backend: backendSchema.optional(),
  })
  .superRefine((config, ctx) => {
    // One Region: an interface endpoint reaches private APIs of its own Region only, and the
    // Transit Gateway, peering routes and PrivateLink services here are Regional.
    for (const [key, account] of Object.entries(config.accounts)) {
      if (account.region !== undefined && account.region !== config.region) {
        issue(
          ctx,
          ['accounts', key, 'region'],
          'RegionMismatch',
          `must be the app's Region ${config.region}: the endpoint and the private API it invokes must share a Region`,
          account.region,
        );
      }
    }
    for (const [key, net] of Object.entries(config.networks))
      azsInRegion(ctx, net.azs, config.region, ['networks', key, 'azs']);

    // Cross-account variants need two different accounts on each side.
    const pairs: Array<[keyof typeof config.accounts, keyof typeof config.accounts, string]> = [
      ['a', 'b', 'the front door (or calling endpoint) and the private API'],
      ['central', 'serviceA', 'the central API and resource account A'],
      ['central', 'serviceB', 'the central API and resource account B'],
      ['central', 'lambda', 'the central API and the Lambda function'],
    ];
    for (const [left, right, what] of pairs) {
      const id = config.accounts[right].accountId;
      if (id === config.accounts[left].accountId) {
        issue(
          ctx,
          ['accounts', right, 'accountId'],
          'SameAccount',
          `must differ from accounts.${left}.accountId: ${what} belong to two accounts`,
          id,
        );
      }
    }

    // Routed networks (Transit Gateway or peering) cannot overlap.
    if (cidrsOverlap(config.networks.a.vpcCidr, config.networks.b.vpcCidr)) {
      issue(
        ctx,
        ['networks', 'b', 'vpcCidr'],
        'OverlappingCidrs',
        `must not overlap networks.a.vpcCidr ${config.networks.a.vpcCidr}: Transit Gateway and VPC peering route between the two VPCs`,
        config.networks.b.vpcCidr,
      );
    }

    const authorizer = config.frontDoor.authorizer;
    if (authorizer.type === 'none') {
      issue(
        ctx,
        ['frontDoor', 'authorizer', 'type'],
        'MissingAuthorizer',
        'must be lambda-request, lambda-token or cognito: the public front door requires an authorizer',
        authorizer.type,
      );
    }
    if (authorizer.type === 'cognito' && authorizer.cognitoUserPoolArns.length === 0) {
      issue(
        ctx,
        ['frontDoor', 'authorizer', 'cognitoUserPoolArns'],
        'MissingUserPools',
        'must list at least one user pool ARN for a cognito authorizer',
        authorizer.cognitoUserPoolArns,
      );
    }
  });

export type CrossAccountConfig = z.output<typeof crossAccountConfigSchema>;
export type AccountKey = keyof CrossAccountConfig['accounts'];
