// The calls apps/on-premises documents, as data: the request-path verifier
// (npm run calls -- on-premises) walks each over the synthesized stacks, and the README's call
// blocks come from here.
import { join } from 'node:path';
import type { AppCalls, CallDeclaration } from '@apigw-private/constructs/calls/declaration';
import { cidrSubnet } from '@apigw-private/constructs/config/cidr';
import { loadConfig } from '@apigw-private/constructs/config/load';
import { OnPremisesConfig, onPremisesConfigSchema } from './config';

export function onPremisesCalls(config: OnPremisesConfig): AppCalls {
  const signed = config.api.authorization === 'AWS_IAM';
  const host = {
    cidr: cidrSubnet(
      config.onPremises.cidrs[0],
      32 - Number(config.onPremises.cidrs[0].split('/')[1]),
      10,
    ),
    label: 'on-premises host',
  };
  const domain = config.customDomain;
  const base = domain.basePath ? `/${domain.basePath}` : '';
  const calls: CallDeclaration[] = [];
  for (const stack of config.stacks) {
    calls.push({
      name: `alias-${stack}`,
      stack,
      description: 'On-premises host, Route 53 alias {api-id}-{vpce-id}',
      from: host,
      dns: { kind: 'alias' },
      method: 'GET',
      path: '/hello',
      signed,
      expect: { backend: 'api/integration-hello-GET' },
    });
    if (!domain.enabled) continue;
    calls.push(
      {
        name: `custom-domain-${stack}`,
        stack,
        description: `On-premises host, private custom domain ${domain.domainName}`,
        from: host,
        dns: { kind: 'custom-domain', name: domain.domainName },
        method: 'GET',
        path: `${base}/hello`,
        signed,
        expect: { backend: 'api/integration-hello-GET' },
      },
      {
        name: `cors-preflight-${stack}`,
        stack,
        description: 'Browser preflight before POST /orders, through the custom domain',
        from: host,
        dns: { kind: 'custom-domain', name: domain.domainName },
        method: 'OPTIONS',
        path: `${base}/orders`,
        signed: false,
        headers: { Origin: config.cors.allowOrigin, 'Access-Control-Request-Method': 'POST' },
        expect: { backend: 'api/integration-orders-OPTIONS' },
      },
    );
  }
  const first = config.stacks[0];
  calls.push(
    {
      name: 'cidr-not-on-premises',
      stack: first,
      description: 'A host outside the on-premises networks: no VPN route covers it',
      from: { cidr: '172.31.5.10/32', label: 'host outside the routed networks' },
      dns: { kind: 'alias' },
      method: 'GET',
      path: '/hello',
      signed,
      expect: { refusedAt: 'network' },
    },
    {
      name: 'no-method',
      stack: first,
      description: 'DELETE /orders has no method: 403 Missing Authentication Token',
      from: host,
      dns: { kind: 'alias' },
      method: 'DELETE',
      path: '/orders',
      signed,
      expect: { refusedAt: 'method' },
    },
  );
  if (signed)
    calls.push({
      name: 'unsigned-call',
      stack: first,
      description:
        'An unsigned GET /hello: the AWS_IAM method refuses it (the 403 still carries CORS headers)',
      from: host,
      dns: { kind: 'alias' },
      method: 'GET',
      path: '/hello',
      signed: false,
      headers: { Origin: config.cors.allowOrigin },
      expect: { refusedAt: 'authorizer' },
    });
  return { app: 'on-premises', accounts: { aws: config.accountId }, calls };
}

/** The calls for the config the app synthesizes with (config.local.json, APIGW__ variables). */
export function appCalls(): AppCalls {
  return onPremisesCalls(
    loadConfig({
      app: 'on-premises',
      schema: onPremisesConfigSchema,
      file: join(__dirname, '..', 'config.local.json'),
    }),
  );
}

/** The calls for the built-in defaults: what the README and docs/on-premises.md show. */
export function documentedCalls(): AppCalls {
  return onPremisesCalls(onPremisesConfigSchema.parse({}));
}
