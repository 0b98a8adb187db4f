// The calls apps/cross-account documents, as data: the request-path verifier
// (npm run calls -- cross-account) walks each over the synthesized stacks, and the README's call
// blocks come from here.
import { join } from 'node:path';
import type { AppCalls, CallDeclaration } from '@apigw-private/constructs/calls/declaration';
import { loadConfig } from '@apigw-private/constructs/config/load';
import { CrossAccountConfig, crossAccountConfigSchema, STACKS } from './config';

const TOKEN = { Authorization: 'Bearer <token>' };
const PRIVATE_HELLO = 'account-b/private-api/integration-hello-GET';

function frontDoorCalls(): CallDeclaration[] {
  // An internet caller of the front door's public URL, GET /hello.
  const base = {
    from: { internet: true },
    dns: { kind: 'public' },
    api: 'front-door',
    method: 'GET',
    path: '/hello',
    signed: false,
  } as const;
  return [
    ...[STACKS.frontDoorTgw, STACKS.frontDoorPeering, STACKS.frontDoorHttp].map(
      (stack): CallDeclaration => ({
        ...base,
        name: `front-door-${stack}`,
        stack,
        description:
          "Internet caller with a token, through the front door to account B's private API",
        headers: TOKEN,
        expect: { backend: PRIVATE_HELLO },
      }),
    ),
    {
      ...base,
      name: 'front-door-without-token',
      stack: STACKS.frontDoorTgw,
      description: 'The front door without a token: 401 from the authorizer',
      expect: { refusedAt: 'authorizer' },
    },
    {
      ...base,
      name: 'private-api-from-internet',
      stack: STACKS.frontDoorTgw,
      description:
        "Account B's private API called directly from the internet: it has no public URL",
      api: 'account-b/private-api',
      expect: { refusedAt: 'dns' },
    },
  ];
}

function endpointCalls(): CallDeclaration[] {
  const stack = STACKS.crossAccountEndpoint;
  const base = {
    stack,
    from: { client: 'lambda-client' },
    method: 'GET',
    path: '/hello',
    signed: true,
    expect: { backend: PRIVATE_HELLO },
  } as const;
  return [
    {
      ...base,
      name: 'cross-account-private-dns',
      description: "Lambda in A, private DNS, B's API",
      dns: { kind: 'private-dns' },
    },
    {
      ...base,
      name: 'cross-account-alias',
      description: "Lambda in A, Route 53 alias, B's API",
      dns: { kind: 'alias' },
    },
    {
      ...base,
      name: 'cross-account-endpoint-hostname',
      description: "Lambda in A, endpoint hostname with x-apigw-api-id, B's API",
      dns: { kind: 'endpoint-hostname', header: 'x-apigw-api-id' },
    },
    {
      ...base,
      name: 'cross-account-unsigned',
      description: "An unsigned call to B's AWS_IAM method",
      dns: { kind: 'private-dns' },
      signed: false,
      expect: { refusedAt: 'authorizer' },
    },
  ];
}

function privateLinkCalls(config: CrossAccountConfig): CallDeclaration[] {
  const stack = STACKS.privateLink;
  const signed = config.privateApi.centralAuthorization === 'AWS_IAM';
  const base = {
    stack,
    from: { client: 'lambda-client' },
    dns: { kind: 'private-dns' },
    method: 'GET',
    signed,
  } as const;
  return [
    {
      ...base,
      name: 'privatelink-ecs',
      description: 'Central Lambda client, /ecs/ to the ECS service of resource account A',
      path: '/ecs/',
      expect: { backend: 'account-serviceA/app' },
    },
    {
      ...base,
      name: 'privatelink-ecs-child',
      description: 'A path below /ecs to the ECS service',
      path: '/ecs/index.html',
      expect: { backend: 'account-serviceA/app' },
    },
    {
      ...base,
      name: 'privatelink-asg',
      description: 'Central Lambda client, /asg/ to the Auto Scaling group of resource account B',
      path: '/asg/',
      expect: { backend: 'account-serviceB/app' },
    },
    {
      ...base,
      name: 'privatelink-asg-child',
      description: 'A path below /asg to the Auto Scaling group',
      path: '/asg/orders/1',
      expect: { backend: 'account-serviceB/app' },
    },
    {
      name: 'privatelink-asg-session-manager',
      stack,
      description: 'The Auto Scaling group instances reach Session Manager (ssm) without internet',
      from: { client: 'account-serviceB/app' },
      dns: { kind: 'aws-service', service: 'ssm' },
      method: 'POST',
      path: '/',
      signed: true,
      expect: { backend: 'account-serviceB' },
    },
    {
      ...base,
      name: 'privatelink-no-method',
      description: 'A path with no method',
      path: '/nothing',
      expect: { refusedAt: 'method' },
    },
  ];
}

function lambdaCalls(): CallDeclaration[] {
  const stack = STACKS.crossAccountLambda;
  const base = {
    stack,
    from: { client: 'lambda-client' },
    dns: { kind: 'private-dns' },
    method: 'GET',
    signed: true,
  } as const;
  return [
    {
      ...base,
      name: 'cross-account-lambda',
      description: 'Central Lambda client, GET /lambda to the function in the Lambda account',
      path: '/lambda',
      expect: { backend: 'account-lambda/backend' },
    },
    {
      ...base,
      name: 'cross-account-lambda-unsigned',
      description: 'An unsigned GET /lambda',
      path: '/lambda',
      signed: false,
      expect: { refusedAt: 'authorizer' },
    },
  ];
}

export function crossAccountCalls(config: CrossAccountConfig): AppCalls {
  const id = (key: keyof CrossAccountConfig['accounts']) => config.accounts[key].accountId;
  const frontDoor = { aws: id('a'), 'aws.b': id('b') };
  return {
    app: 'cross-account',
    accounts: { aws: id('a'), 'aws.b': id('b') },
    stackAccounts: {
      [STACKS.frontDoorTgw]: frontDoor,
      [STACKS.frontDoorPeering]: frontDoor,
      [STACKS.frontDoorHttp]: frontDoor,
      [STACKS.privateLink]: {
        aws: id('central'),
        'aws.serviceA': id('serviceA'),
        'aws.serviceB': id('serviceB'),
      },
      [STACKS.crossAccountLambda]: { aws: id('central'), 'aws.lambda': id('lambda') },
    },
    calls: [...frontDoorCalls(), ...endpointCalls(), ...privateLinkCalls(config), ...lambdaCalls()],
  };
}

/** The calls for the config the app synthesizes with (config.local.json, APIGW__ variables). */
export function appCalls(): AppCalls {
  return crossAccountCalls(
    loadConfig({
      app: 'cross-account',
      schema: crossAccountConfigSchema,
      file: join(__dirname, '..', 'config.local.json'),
    }),
  );
}

/** The calls for the built-in defaults: what the README and docs/cross-account.md show. */
export function documentedCalls(): AppCalls {
  return crossAccountCalls(crossAccountConfigSchema.parse({}));
}
