import { z } from 'zod';
import {
  availabilityZone,
  azsInRegion,
  certificateInRegion,
  cidr,
  clientCidrs,
  issue,
  logsSchema,
  networkSchema,
  restApiSchema,
  singleTargetFields,
} from '@apigw-private/constructs/config/schema';
import { cidrsOverlap } from '@apigw-private/constructs/config/cidr';
import { isCustomerGatewayAsn, isPublicIpv4 } from '@apigw-private/constructs/connectivity/vpn';
import { isAmazonSideAsn } from '@apigw-private/constructs/connectivity/vpn-gateway';
import { isDnsName } from '@apigw-private/constructs/dns/private-zone';
import { originProblem } from '@apigw-private/constructs/rest/cors';

/**
 * A connectivity option, and the name of the stack that builds it:
 * `vpn-<vgw|tgw>-<static|bgp>[-dx]`.
 */
export const CONNECTIVITY_OPTIONS = [
  'vpn-vgw-static',
  'vpn-vgw-bgp',
  'vpn-tgw-static',
  'vpn-tgw-bgp',
  'vpn-vgw-static-dx',
  'vpn-vgw-bgp-dx',
  'vpn-tgw-static-dx',
  'vpn-tgw-bgp-dx',
] as const;
export type ConnectivityOption = (typeof CONNECTIVITY_OPTIONS)[number];

export interface ParsedOption {
  readonly gateway: 'vgw' | 'tgw';
  readonly routing: 'static' | 'bgp';
  readonly directConnect: boolean;
}

export function parseOption(option: ConnectivityOption): ParsedOption {
  const [, gateway, routing, dx] = option.split('-');
  return {
    gateway: gateway as 'vgw' | 'tgw',
    routing: routing as 'static' | 'bgp',
    directConnect: dx === 'dx',
  };
}

/**
 * The stacks planned by default: together they cover every value of every dimension (VGW and
 * TGW each with static and BGP routing, Direct Connect on each gateway), so every code path
 * plans offline. Deploy one: set `stacks` to the option you chose.
 */
export const DEFAULT_STACKS: ConnectivityOption[] = [
  'vpn-vgw-static',
  'vpn-vgw-bgp-dx',
  'vpn-tgw-static-dx',
  'vpn-tgw-bgp',
];

const asn = (code: string, check: (n: number) => boolean, allowed: string) =>
  z.number().refine(check, { error: allowed, params: { code } });

const customerAsn = () =>
  asn(
    'InvalidBgpAsn',
    isCustomerGatewayAsn,
    'must be a whole number 1-2147483647 other than 7224 (reserved by AWS); 4-byte private ASNs above 2147483647 are not supported',
  );
const amazonAsn = () =>
  asn(
    'InvalidAmazonSideAsn',
    isAmazonSideAsn,
    'must be a private ASN: 64512-65534 or 4200000000-4294967294',
  );

const ipv4 = () =>
  z
    .string()
    .refine((s) => /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(s), {
      error: 'must be an IPv4 address',
      params: { code: 'InvalidIp' },
    });

const dnsName = () =>
  z
    .string()
    .transform((s) => s.replace(/\.$/, '').toLowerCase())
    .refine((s) => isDnsName(s) && s.includes('.'), {
      error: 'must be a DNS name of two or more labels, e.g. onprem.example.internal',
      params: { code: 'InvalidDomainName' },
    });

/**
 * Config of apps/on-premises. Every field has a default, so the app synthesizes and plans with
 * no file; override with a JSON file (APIGW_CONFIG_FILE or apps/on-premises/config.local.json) or
 * `APIGW__<path>` variables, e.g. `APIGW__onPremises__cidrs='["172.20.0.0/16"]'`.
 */
export const onPremisesConfigSchema = z
  .strictObject({
    ...singleTargetFields(),
    /** Connectivity options to build, one stack each (see CONNECTIVITY_OPTIONS). */
    stacks: z.array(z.enum(CONNECTIVITY_OPTIONS)).min(1).default(DEFAULT_STACKS),
    network: networkSchema.prefault({ vpcCidr: '10.30.0.0/16', azs: ['us-east-1a', 'us-east-1b'] }),
    onPremises: z
      .strictObject({
        /** On-premises networks: routed over the VPN/DX, allowed on 443 (endpoint) and 53 (resolver). */
        cidrs: clientCidrs().min(1).default(['192.168.0.0/20']),
        /** Public IPv4 address of the on-premises VPN device (a documentation address by default). */
        deviceIp: ipv4()
          .refine(isPublicIpv4, {
            error:
              'must be a public IPv4 address (not private, shared, loopback, link-local or multicast)',
            params: { code: 'InvalidCustomerGatewayIp' },
          })
          .default('203.0.113.10'),
        deviceName: z.string().max(255).optional(),
        /** BGP ASN of the device. Accepted: 1-2147483647 except 7224 (AWS reserves it). */
        bgpAsn: customerAsn().default(65010),
        /** On-premises DNS servers, targets of the optional outbound forwarding rules. */
        dnsServers: z.array(ipv4()).min(1).default(['192.168.0.10', '192.168.0.11']),
      })
      .prefault({}),
    vpn: z
      .strictObject({
        /** ASN of the AWS side (virtual private gateway or Transit Gateway). */
        amazonSideAsn: amazonAsn().default(64512),
        /** `SecretsManager` keeps the tunnels' pre-shared keys out of Terraform state. */
        presharedKeyStorage: z.enum(['SecretsManager', 'Standard']).default('SecretsManager'),
        /** Inside tunnel CIDRs (/30 in 169.254.0.0/16), tunnel 1 and tunnel 2; AWS picks them when left out. */
        insideCidrs: z.tuple([cidr(), cidr()]).optional(),
      })
      .prefault({}),
    directConnect: z
      .strictObject({
        /** An existing Direct Connect gateway to associate instead of creating one. */
        existingGatewayId: z.string().optional(),
        /** ASN of a new Direct Connect gateway; must differ from vpn.amazonSideAsn. */
        amazonSideAsn: amazonAsn().default(64513),
        /**
         * A virtual interface on an existing connection; left out, only the gateway and its
         * association are built (the interface is then created where the connection is managed).
         */
        virtualInterface: z
          .strictObject({
            connectionId: z.string(),
            vlan: z.number().int().min(1).max(4094),
            customerAsn: customerAsn(),
            mtu: z.number().int().optional(),
          })
          .optional(),
      })
      .prefault({}),
    resolver: z
      .strictObject({
        /** AZs of the inbound endpoint's addresses (at least two); default: every AZ of the network. */
        azs: z.array(availabilityZone()).optional(),
        /**
         * Fixed address of the endpoint in each subnet, as an offset from the subnet's network
         * address (53 gives 10.30.0.53 in 10.30.0.0/20), so forwarders can be set before deploying.
         */
        hostOffset: z.number().int().min(4).default(53),
        /** Outbound endpoint and forwarding rules so the VPC resolves on-premises names. */
        outbound: z
          .strictObject({
            enabled: z.boolean().default(false),
            /** Domains answered by the on-premises DNS servers. */
            domains: z.array(dnsName()).min(1).default(['corp.example.internal']),
          })
          .prefault({}),
        /**
         * Also forward the AWS names (execute-api, vpce) to the resolver: only for on-premises DNS
         * that cannot resolve public names; they resolve publicly otherwise.
         */
        forwardAwsZones: z.boolean().default(false),
      })
      .prefault({}),
    api: restApiSchema({ name: 'on-premises-api', authorization: 'AWS_IAM' }),
    customDomain: z
      .strictObject({
        enabled: z.boolean().default(true),
        /** Private hosted zone that on-premises DNS forwards to the inbound resolver. */
        zoneName: dnsName().default('onprem.example.internal'),
        /** The API's name in that zone. */
        domainName: dnsName().default('api.onprem.example.internal'),
        /** ACM certificate for domainName in the stack's Region (placeholder by default). */
        certificateArn: z
          .string()
          .default(
            'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
          ),
        /** Path under the domain for the API; default: the root. */
        basePath: z.string().optional(),
      })
      .prefault({}),
    cors: z
      .strictObject({
        /** Origin of the browser app hosted on premises: scheme, host, optional port. */
        allowOrigin: z.string().default('https://portal.onprem.example.internal'),
        /** Answer `*` instead: only for APIs any web page may call; allowOrigin must then be "*". */
        allowAnyOrigin: z.boolean().default(false),
        allowMethods: z.array(z.string()).min(1).default(['GET', 'POST', 'OPTIONS']),
        allowHeaders: z
          .array(z.string())
          .min(1)
          .default([
            'Content-Type',
            'Authorization',
            'X-Amz-Date',
            'X-Amz-Security-Token',
            'X-Amz-Content-Sha256',
          ]),
        maxAgeSeconds: z.number().int().min(0).max(86400).default(600),
        allowCredentials: z.boolean().default(false),
      })
      .prefault({}),
    logs: logsSchema,
  })
  .superRefine((config, ctx) => {
    azsInRegion(ctx, config.network.azs, config.region, ['network', 'azs']);
    config.onPremises.cidrs.forEach((c, i) => {
      if (cidrsOverlap(c, config.network.vpcCidr)) {
        issue(
          ctx,
          ['onPremises', 'cidrs', i],
          'OnPremisesOverlapsVpc',
          `must not overlap the VPC CIDR ${config.network.vpcCidr}: routed networks need distinct addresses`,
          c,
        );
      }
    });
    const resolverAzs = config.resolver.azs ?? config.network.azs;
    if (new Set(resolverAzs).size < 2) {
      issue(
        ctx,
        ['resolver', 'azs'],
        'TooFewResolverAzs',
        'must name at least two different Availability Zones: the inbound endpoint needs addresses in two or more AZs',
        resolverAzs,
      );
    }
    resolverAzs.forEach((az, i) => {
      if (!config.network.azs.includes(az))
        issue(
          ctx,
          ['resolver', 'azs', i],
          'UnknownAz',
          `must be one of network.azs (${config.network.azs.join(', ')})`,
          az,
        );
    });
    if (config.cors.allowAnyOrigin) {
      if (config.cors.allowOrigin !== '*')
        issue(
          ctx,
          ['cors', 'allowOrigin'],
          'InvalidOrigin',
          'must be "*" when cors.allowAnyOrigin is true',
          config.cors.allowOrigin,
        );
    } else {
      const problem = originProblem(config.cors.allowOrigin);
      if (problem)
        issue(ctx, ['cors', 'allowOrigin'], 'InvalidOrigin', problem, config.cors.allowOrigin);
    }
    const domain = config.customDomain;
    if (domain.enabled) {
      certificateInRegion(
        ctx,
        ['customDomain', 'certificateArn'],
        domain.certificateArn,
        config.region,
        'the private custom domain',
      );
      if (
        domain.domainName !== domain.zoneName &&
        !domain.domainName.endsWith(`.${domain.zoneName}`)
      ) {
        issue(
          ctx,
          ['customDomain', 'domainName'],
          'DomainOutsideZone',
          `must lie in customDomain.zoneName ${domain.zoneName}`,
          domain.domainName,
        );
      }
    }
    const usesDx = config.stacks.some((s) => parseOption(s).directConnect);
    if (
      usesDx &&
      config.directConnect.existingGatewayId === undefined &&
      config.directConnect.amazonSideAsn === config.vpn.amazonSideAsn
    ) {
      issue(
        ctx,
        ['directConnect', 'amazonSideAsn'],
        'SameBgpAsn',
        `must differ from vpn.amazonSideAsn ${config.vpn.amazonSideAsn}`,
        config.directConnect.amazonSideAsn,
      );
    }
    if (
      config.stacks.some((s) => parseOption(s).routing === 'bgp') &&
      config.onPremises.bgpAsn === config.vpn.amazonSideAsn
    ) {
      issue(
        ctx,
        ['onPremises', 'bgpAsn'],
        'SameBgpAsn',
        `must differ from vpn.amazonSideAsn ${config.vpn.amazonSideAsn}: BGP needs two autonomous systems`,
        config.onPremises.bgpAsn,
      );
    }
    const seen = new Set<string>();
    config.stacks.forEach((s, i) => {
      if (seen.has(s))
        issue(ctx, ['stacks', i], 'DuplicateStack', 'must name each connectivity option once', s);
      seen.add(s);
    });
  });

export type OnPremisesConfig = z.output<typeof onPremisesConfigSchema>;
