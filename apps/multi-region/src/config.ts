import { z } from 'zod';
import { cidrsOverlap } from '@apigw-private/constructs/config/cidr';
import {
  accountId,
  azsInRegion,
  backendSchema,
  certificateInRegion,
  clientCidrs,
  issue,
  logsSchema,
  networkSchema,
  region,
  restApiSchema,
  roleName,
} from '@apigw-private/constructs/config/schema';

/**
 * The variants of the architecture, each its own stack: how Route 53 chooses a Region
 * (failover: active-passive; weighted: active-active) and what sits in front of the execute-api
 * endpoint (NLB with a TLS listener, or ALB with an HTTPS listener).
 */
export const VARIANTS = ['failover-nlb', 'failover-alb', 'weighted-nlb', 'weighted-alb'] as const;
export type Variant = (typeof VARIANTS)[number];

export function routingOf(variant: Variant): 'failover' | 'weighted' {
  return variant.startsWith('failover') ? 'failover' : 'weighted';
}

export function frontOf(variant: Variant): 'nlb' | 'alb' {
  return variant.endsWith('nlb') ? 'nlb' : 'alb';
}

const PLACEHOLDER_CERTIFICATE = (regionName: string, n: number) =>
  `arn:aws:acm:${regionName}:111111111111:certificate/00000000-0000-4000-8000-00000000000${n}`;

/** Region names become provider aliases, construct IDs, resource names and set identifiers. */
const regionName = z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, {
  error: 'must be 1-16 characters of [a-z0-9-] starting with a letter',
});

/** One Region of the deployment. */
const regionSchema = z.strictObject({
  /**
   * Short stable name (do not rename after deploying: it is in Terraform addresses and is each
   * record's set identifier), e.g. `east`.
   */
  name: regionName,
  region: region(),
  network: networkSchema,
  /**
   * ACM certificate of this Region for `*.<dns.zoneName>` (or each stack's name): the Regional
   * custom domain and the load balancer's listener present it. Required for every Region.
   */
  certificateArn: z.string().optional(),
  /** Role under failover routing: exactly one Region PRIMARY and one SECONDARY. */
  failover: z.enum(['PRIMARY', 'SECONDARY']).optional(),
  /** Relative weight (0-255) under weighted routing; at least one Region above 0. */
  weight: z.number().optional(),
});
export type RegionConfig = z.output<typeof regionSchema>;

/**
 * Config of apps/multi-region. Every field has a default, so `npm run plan` works with no file:
 * placeholder account and certificate ARNs (offline plans never call AWS). Override with a JSON
 * file (APIGW_CONFIG_FILE or apps/multi-region/config.local.json) or `APIGW__<path>` variables,
 * e.g. `APIGW__regions__west__weight=0`.
 */
export const multiRegionConfigSchema = z
  .strictObject({
    /** Account of both Regions (placeholder by default). */
    accountId: accountId().default('111111111111'),
    /** IAM role assumed in the account in deploy mode; leave out to use your own identity. */
    roleName: roleName().optional(),
    /**
     * The Regions. A list, so that a config file replaces the default Regions as a whole (objects
     * would merge with them); an object keyed by Region name changes those Regions only, e.g.
     * `APIGW__regions__west__weight=0` or `{ "regions": { "west": { "weight": 0 } } }`.
     */
    regions: z.array(regionSchema).prefault([
      {
        name: 'east',
        region: 'us-east-1',
        network: { vpcCidr: '10.30.0.0/16', azs: ['us-east-1a', 'us-east-1b'] },
        certificateArn: PLACEHOLDER_CERTIFICATE('us-east-1', 1),
        failover: 'PRIMARY',
        weight: 192,
      },
      {
        name: 'west',
        region: 'us-west-2',
        network: { vpcCidr: '10.31.0.0/16', azs: ['us-west-2a', 'us-west-2b'] },
        certificateArn: PLACEHOLDER_CERTIFICATE('us-west-2', 2),
        failover: 'SECONDARY',
        weight: 64,
      },
    ]),
    /** Stacks to build; all four variants by default. */
    stacks: z
      .array(z.enum(VARIANTS))
      .min(1)
      .default([...VARIANTS]),
    dns: z
      .strictObject({
        /**
         * Private hosted zone each stack creates and associates with every Region's VPC. Each
         * stack answers at `<stack>.<zoneName>` (e.g. failover-nlb.internal.example.com), so one
         * wildcard certificate per Region covers all four.
         */
        zoneName: z.string().default('internal.example.com'),
        /**
         * Networks whose DNS servers forward to the inbound resolver endpoints (TCP/UDP 53),
         * typically on-premises ranges.
         */
        resolverClientCidrs: clientCidrs().min(1).default(['10.200.0.0/16']),
      })
      .prefault({}),
    /**
     * Networks allowed to call the API through the load balancers on 443 besides the
     * deployment's own VPCs, typically on-premises ranges.
     */
    clientCidrs: clientCidrs().default(['10.200.0.0/16']),
    /**
     * Inter-Region connectivity, so a client in one Region reaches the other Region's load
     * balancer after a failover. `vpc-peering` peers every pair of Regions; `tgw-peering` gives
     * each Region a Transit Gateway and peers them (about 36 USD a month per gateway and per
     * attachment, for many VPCs or on-premises links); `none` leaves it to your own network.
     * With peering on, the VPC CIDRs must not overlap.
     */
    connectivity: z.enum(['none', 'vpc-peering', 'tgw-peering']).default('vpc-peering'),
    healthCheck: z
      .strictObject({
        /** The Region counts as down when fewer execute-api endpoint addresses are healthy. */
        minHealthyTargets: z.number().int().min(1).default(1),
        /** Consecutive one-minute periods below the threshold before the alarm fires. */
        evaluationPeriods: z.number().int().min(1).max(10).default(2),
        insufficientDataHealthStatus: z
          .enum(['Healthy', 'Unhealthy', 'LastKnownStatus'])
          .default('LastKnownStatus'),
      })
      .prefault({}),
    loadBalancer: z
      .strictObject({
        /** ELB security policy of the TLS / HTTPS listeners (TLS 1.2+ policies only). */
        tlsPolicy: z.string().default('ELBSecurityPolicy-TLS13-1-2-2021-06'),
        /** Turn off before `terraform destroy`. */
        deletionProtection: z.boolean().default(true),
        /** Days to keep load balancer access logs in each Region's bucket. */
        accessLogsExpirationDays: z.number().int().min(1).default(90),
      })
      .prefault({}),
    /**
     * Authorization is NONE by default, on purpose: a SigV4 signature names its Region, so a
     * client that signs for the primary gets 403 from the secondary after a failover (and weighted
     * routing sends it to either). The resource policy still admits only each Region's own
     * endpoint. For caller identity that works in both Regions, use a token authorizer; AWS_IAM
     * suits clients that resolve the Region before they sign.
     */
    api: restApiSchema({ name: 'multi-region-private-api', authorization: 'NONE' }),
    logs: logsSchema,
    backend: backendSchema.optional(),
  })
  .superRefine((config, ctx) => {
    const entries = config.regions.map((r) => [r.name, r] as const);
    if (entries.length < 2) {
      issue(
        ctx,
        ['regions'],
        'TooFewRegions',
        'must name at least two Regions',
        config.regions.map((r) => r.name),
      );
    }

    const seenRegions = new Map<string, number>();
    const seenNames = new Map<string, number>();
    config.regions.forEach((r, i) => {
      azsInRegion(ctx, r.network.azs, r.region, ['regions', i, 'network', 'azs']);
      const first = seenRegions.get(r.region);
      if (first !== undefined) {
        issue(
          ctx,
          ['regions', i, 'region'],
          'DuplicateRegion',
          `must differ from regions[${first}].region: each Region appears once`,
          r.region,
        );
      } else {
        seenRegions.set(r.region, i);
      }
      const firstName = seenNames.get(r.name);
      if (firstName !== undefined) {
        issue(
          ctx,
          ['regions', i, 'name'],
          'DuplicateRegionName',
          `must differ from regions[${firstName}].name`,
          r.name,
        );
      } else {
        seenNames.set(r.name, i);
      }

      certificateInRegion(
        ctx,
        ['regions', i, 'certificateArn'],
        r.certificateArn,
        r.region,
        "the Region's custom domain and load balancer",
      );
    });

    if (config.stacks.some((s) => routingOf(s) === 'failover')) {
      const roles = entries.map(([, r]) => r.failover);
      const ok = entries.length === 2 && roles.includes('PRIMARY') && roles.includes('SECONDARY');
      if (!ok) {
        issue(
          ctx,
          ['regions', '*', 'failover'],
          'InvalidFailoverRoles',
          'must give exactly one Region failover PRIMARY and one SECONDARY (failover stacks serve two Regions)',
          Object.fromEntries(entries.map(([k, r]) => [k, r.failover ?? null])),
        );
      }
    }

    if (config.stacks.some((s) => routingOf(s) === 'weighted')) {
      config.regions.forEach((r, i) => {
        const w = r.weight;
        if (w === undefined || !Number.isInteger(w) || w < 0 || w > 255) {
          issue(
            ctx,
            ['regions', i, 'weight'],
            'InvalidWeight',
            'must be a whole number from 0 to 255',
            w,
          );
        }
      });
      if (entries.length > 0 && entries.every(([, r]) => r.weight === 0)) {
        issue(
          ctx,
          ['regions', '*', 'weight'],
          'AllWeightsZero',
          'must give at least one Region a weight above 0',
          Object.fromEntries(entries.map(([k, r]) => [k, r.weight])),
        );
      }
    }

    if (config.connectivity !== 'none') {
      for (let i = 0; i < entries.length; i++) {
        for (let j = i + 1; j < entries.length; j++) {
          const ra = config.regions[i];
          const rb = config.regions[j];
          if (cidrsOverlap(ra.network.vpcCidr, rb.network.vpcCidr)) {
            issue(
              ctx,
              ['regions', j, 'network', 'vpcCidr'],
              'OverlappingCidrs',
              `must not overlap regions[${i}].network.vpcCidr (${ra.network.vpcCidr}, ${ra.name}) while connectivity is ${config.connectivity}`,
              rb.network.vpcCidr,
            );
          }
        }
      }
    }

    const unique = new Set(config.stacks);
    if (unique.size !== config.stacks.length) {
      issue(ctx, ['stacks'], 'DuplicateStack', 'must name each stack once', config.stacks);
    }
  });

export type MultiRegionConfig = z.output<typeof multiRegionConfigSchema>;
