// The calls apps/basic documents, as data: the request-path verifier (npm run calls -- basic)
// walks each over the synthesized stacks, and the README's call blocks come from here.
import { join } from 'node:path';
import type { AppCalls, CallDeclaration } from '@apigw-private/constructs/calls/declaration';
import { loadConfig } from '@apigw-private/constructs/config/load';
import { BasicConfig, basicConfigSchema } from './config';

const BACKEND = 'api/integration-hello-GET';

export function basicCalls(config: BasicConfig): AppCalls {
  const signed = config.api.authorization === 'AWS_IAM';
  const hello = { method: 'GET', path: '/hello', signed } as const;
  const calls: CallDeclaration[] = [];
  if (config.clients.ec2)
    calls.push({
      name: 'private-dns-from-ec2',
      stack: 'basic',
      description: 'EC2 client, private DNS name of the API',
      from: { client: 'ec2-client' },
      dns: { kind: 'private-dns' },
      ...hello,
      expect: { backend: BACKEND },
    });
  if (config.clients.lambda)
    calls.push(
      {
        name: 'private-dns-from-lambda',
        stack: 'basic',
        description: 'Lambda client, private DNS name of the API',
        from: { client: 'lambda-client' },
        dns: { kind: 'private-dns' },
        ...hello,
        expect: { backend: BACKEND },
      },
      {
        name: 'endpoint-hostname-from-lambda',
        stack: 'basic',
        description: 'Lambda client, endpoint DNS hostname with x-apigw-api-id',
        from: { client: 'lambda-client' },
        dns: { kind: 'endpoint-hostname', header: 'x-apigw-api-id' },
        ...hello,
        expect: { backend: BACKEND },
      },
      {
        name: 'endpoint-hostname-with-host',
        stack: 'basic',
        description: 'Lambda client, endpoint DNS hostname with the API named by Host',
        from: { client: 'lambda-client' },
        dns: { kind: 'endpoint-hostname', header: 'Host' },
        ...hello,
        expect: { backend: BACKEND },
      },
      {
        name: 'alias-from-lambda',
        stack: 'basic',
        description: 'Lambda client, Route 53 alias {api-id}-{vpce-id}',
        from: { client: 'lambda-client' },
        dns: { kind: 'alias' },
        ...hello,
        expect: { backend: BACKEND },
      },
      {
        name: 'alias-with-private-dns-off',
        stack: 'basic-private-dns-off',
        description: 'Lambda client, Route 53 alias, endpoint without private DNS',
        from: { client: 'lambda-client' },
        dns: { kind: 'alias' },
        ...hello,
        expect: { backend: BACKEND },
      },
      {
        name: 'private-dns-when-off',
        stack: 'basic-private-dns-off',
        description: 'Private DNS name with private DNS off: resolves to public addresses',
        from: { client: 'lambda-client' },
        dns: { kind: 'private-dns' },
        ...hello,
        expect: { refusedAt: 'dns' },
      },
      {
        name: 'no-method',
        stack: 'basic',
        description: 'A path with no method: 403 Missing Authentication Token',
        from: { client: 'lambda-client' },
        dns: { kind: 'private-dns' },
        method: 'GET',
        path: '/nothing-here',
        signed,
        expect: { refusedAt: 'method' },
      },
    );
  if (signed && config.clients.lambda)
    calls.push({
      name: 'unsigned-call',
      stack: 'basic',
      description: 'An unsigned call to the AWS_IAM method',
      from: { client: 'lambda-client' },
      dns: { kind: 'private-dns' },
      ...hello,
      signed: false,
      expect: { refusedAt: 'authorizer' },
    });
  calls.push({
    name: 'cidr-not-a-client',
    stack: 'basic',
    description: 'A host outside the VPC, with no route in, calls the endpoint hostname',
    from: { cidr: '172.31.5.10/32', label: 'host outside the VPC' },
    dns: { kind: 'endpoint-hostname', header: 'x-apigw-api-id' },
    ...hello,
    expect: { refusedAt: 'network' },
  });
  return { app: 'basic', accounts: { aws: config.accountId }, calls };
}

/** The calls for the config the app synthesizes with (config.local.json, APIGW__ variables). */
export function appCalls(): AppCalls {
  return basicCalls(
    loadConfig({
      app: 'basic',
      schema: basicConfigSchema,
      file: join(__dirname, '..', 'config.local.json'),
    }),
  );
}

/** The calls for the built-in defaults: what the README and docs/basic.md show. */
export function documentedCalls(): AppCalls {
  return basicCalls(basicConfigSchema.parse({}));
}
