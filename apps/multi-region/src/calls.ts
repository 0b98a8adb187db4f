// The calls apps/multi-region documents, as data: the request-path verifier
// (npm run calls -- multi-region) walks each over the synthesized stacks, and the README's call
// blocks come from here.
import { join } from 'node:path';
import type { AppCalls, CallDeclaration } from '@apigw-private/constructs/calls/declaration';
import { cidrSubnet } from '@apigw-private/constructs/config/cidr';
import { loadConfig } from '@apigw-private/constructs/config/load';
import { MultiRegionConfig, multiRegionConfigSchema, routingOf } from './config';

/** A host address in the first subnet of a VPC (the tenth address). */
function hostIn(vpcCidr: string): string {
  return cidrSubnet(vpcCidr, 32 - Number(vpcCidr.split('/')[1]), 10);
}

export function multiRegionCalls(config: MultiRegionConfig): AppCalls {
  const calls: CallDeclaration[] = [];
  const signed = config.api.authorization === 'AWS_IAM';
  for (const stack of config.stacks) {
    const name = `${stack}.${config.dns.zoneName}`;
    // Route 53 answers with the healthy primary (failover) or mostly the heaviest Region (weighted).
    const primary =
      routingOf(stack) === 'failover'
        ? config.regions.find((r) => r.failover === 'PRIMARY')
        : [...config.regions].sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0))[0];
    for (const region of config.regions) {
      calls.push({
        name: `${stack}-from-${region.name}`,
        stack,
        description: `Host in the ${region.name} VPC calls ${name}: answered by the ${primary?.name} Region`,
        from: { cidr: hostIn(region.network.vpcCidr), label: `host in ${region.name}` },
        dns: { kind: 'custom-domain', name },
        method: 'GET',
        path: '/hello',
        signed,
        expect: { backend: `${primary?.name ?? region.name}/api` },
      });
    }
  }
  const first = config.stacks[0];
  const home = config.regions[0];
  const other = config.regions.find((r) => r !== home) ?? home;
  calls.push(
    {
      name: 'outside-networks',
      stack: first,
      description:
        'A host in no associated VPC and no forwarding network: the private name does not resolve',
      from: { cidr: '172.31.5.10/32', label: 'host outside the networks' },
      dns: { kind: 'custom-domain', name: `${first}.${config.dns.zoneName}` },
      method: 'GET',
      path: '/hello',
      signed,
      expect: { refusedAt: 'dns' },
    },
    {
      name: 'no-method',
      stack: first,
      description: 'A path with no method: 403 Missing Authentication Token',
      from: { cidr: hostIn(home.network.vpcCidr), label: `host in ${home.name}` },
      dns: { kind: 'custom-domain', name: `${first}.${config.dns.zoneName}` },
      method: 'GET',
      path: '/nothing-here',
      signed,
      expect: { refusedAt: 'method' },
    },
  );
  if (other !== home)
    calls.push({
      name: 'endpoint-of-another-region',
      stack: first,
      description: `A host in ${other.name} names the ${home.name} API on its own Region's endpoint`,
      from: { cidr: hostIn(other.network.vpcCidr), label: `host in ${other.name}` },
      dns: { kind: 'endpoint-hostname', header: 'x-apigw-api-id' },
      api: `${home.name}/api/api`,
      endpoint: `${other.name}/api/execute-api`,
      method: 'GET',
      path: '/hello',
      signed,
      expect: { refusedAt: 'dns' },
    });
  const accounts = Object.fromEntries(
    ['aws', ...config.regions.map((r) => `aws.${r.name}`)].map((key) => [key, config.accountId]),
  );
  return { app: 'multi-region', accounts, calls };
}

/** The calls for the config the app synthesizes with (config.local.json, APIGW__ variables). */
export function appCalls(): AppCalls {
  return multiRegionCalls(
    loadConfig({
      app: 'multi-region',
      schema: multiRegionConfigSchema,
      file: join(__dirname, '..', 'config.local.json'),
    }),
  );
}

/** The calls for the built-in defaults: what the README and docs/multi-region.md show. */
export function documentedCalls(): AppCalls {
  return multiRegionCalls(multiRegionConfigSchema.parse({}));
}
