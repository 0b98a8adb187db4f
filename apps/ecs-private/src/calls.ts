// The calls apps/ecs-private documents, as data: the request-path verifier
// (npm run calls -- ecs-private) walks each over the synthesized stacks, and the README's call
// blocks come from here.
import { join } from 'node:path';
import type { AppCalls, CallDeclaration } from '@apigw-private/constructs/calls/declaration';
import { cidrSubnet } from '@apigw-private/constructs/config/cidr';
import { loadConfig } from '@apigw-private/constructs/config/load';
import { EcsPrivateConfig, ecsPrivateConfigSchema, STACK_IDS, Variant } from './config';

/** A host address in the first subnet of a VPC (the tenth address). */
function hostIn(vpcCidr: string): string {
  return cidrSubnet(vpcCidr, 32 - Number(vpcCidr.split('/')[1]), 10);
}

export function ecsPrivateCalls(config: EcsPrivateConfig): AppCalls {
  const calls: CallDeclaration[] = [];
  const enabled = (v: Variant) => config.variants[v].enabled;
  const restSigned = config.rest.authorization === 'AWS_IAM';
  for (const variant of ['restNlb', 'restNlbAlb'] as const) {
    if (!enabled(variant)) continue;
    const stack = STACK_IDS[variant];
    const host = { cidr: hostIn(config.variants[variant].vpcCidr), label: 'host in the VPC' };
    const base = { stack, from: host, dns: { kind: 'private-dns' }, signed: restSigned } as const;
    calls.push(
      {
        ...base,
        name: `${stack}-root`,
        description: 'GET / through endpoint, API, VPC link, NLB to the tasks',
        method: 'GET',
        path: '/',
        expect: { backend: 'service' },
      },
      {
        ...base,
        name: `${stack}-proxy`,
        description: 'GET /does-not-exist: proxied to the tasks',
        method: 'GET',
        path: '/does-not-exist',
        expect: { backend: 'service' },
      },
    );
    if (restSigned)
      calls.push({
        ...base,
        name: `${stack}-unsigned`,
        description: 'An unsigned call: 403',
        method: 'GET',
        path: '/',
        signed: false,
        expect: { refusedAt: 'authorizer' },
      });
    calls.push({
      ...base,
      name: `${stack}-outside`,
      description: 'A host outside the VPC and the client networks',
      from: { cidr: '172.31.5.10/32', label: 'host outside the VPC' },
      dns: { kind: 'endpoint-hostname', header: 'x-apigw-api-id' },
      method: 'GET',
      path: '/',
      expect: { refusedAt: 'network' },
    });
  }
  const token =
    config.http.authorization === 'JWT' ? { Authorization: 'Bearer <token>' } : undefined;
  for (const variant of ['httpAlb', 'httpNlb', 'httpCloudMap'] as const) {
    if (!enabled(variant)) continue;
    const stack = STACK_IDS[variant];
    const base = {
      stack,
      from: { internet: true },
      dns: { kind: 'public' },
      method: 'GET',
      signed: config.http.authorization === 'AWS_IAM',
      ...(token ? { headers: token } : {}),
    } as const;
    calls.push(
      {
        ...base,
        name: `${stack}-root`,
        description: 'GET / with a token, through the VPC link to the tasks',
        path: '/',
        expect: { backend: 'service' },
      },
      {
        ...base,
        name: `${stack}-proxy`,
        description: 'GET /missing: proxied (nginx answers 404)',
        path: '/missing',
        expect: { backend: 'service' },
      },
    );
    if (token)
      calls.push({
        ...base,
        name: `${stack}-no-token`,
        description: 'No token: 401 from the JWT authorizer',
        path: '/',
        headers: {},
        expect: { refusedAt: 'authorizer' },
      });
  }
  return { app: 'ecs-private', accounts: { aws: config.accountId }, calls };
}

/** The calls for the config the app synthesizes with (config.local.json, APIGW__ variables). */
export function appCalls(): AppCalls {
  return ecsPrivateCalls(
    loadConfig({
      app: 'ecs-private',
      schema: ecsPrivateConfigSchema,
      file: join(__dirname, '..', 'config.local.json'),
    }),
  );
}

/** The calls for the built-in defaults: what the README and docs/ecs-private.md show. */
export function documentedCalls(): AppCalls {
  return ecsPrivateCalls(ecsPrivateConfigSchema.parse({}));
}
