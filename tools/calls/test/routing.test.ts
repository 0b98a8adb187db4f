import { at, privateApiStack, ref, Stack, walk, expectRefusedAt } from './fixture';

/** Adds `/{parent}` and `/{parent}/{proxy+}` with ANY on the greedy child (and on the parent when asked). */
function withProxy(stack: Stack, parent: string, onParent: boolean): Stack {
  const r = stack.resource;
  const api = ref('aws_api_gateway_rest_api.api.id');
  r.aws_api_gateway_resource[parent] = {
    ...at(`api/res-${parent}`),
    rest_api_id: api,
    parent_id: ref('aws_api_gateway_rest_api.api.root_resource_id'),
    path_part: parent,
  };
  r.aws_api_gateway_resource[`${parent}_proxy`] = {
    ...at(`api/res-${parent}-proxy`),
    rest_api_id: api,
    parent_id: ref(`aws_api_gateway_resource.${parent}.id`),
    path_part: '{proxy+}',
  };
  const add = (name: string, resource: string) => {
    r.aws_api_gateway_method[name] = {
      ...at(`api/method-${name}`),
      rest_api_id: api,
      resource_id: ref(`aws_api_gateway_resource.${resource}.id`),
      http_method: 'ANY',
      authorization: 'AWS_IAM',
    };
    r.aws_api_gateway_integration[name] = {
      ...at(`api/integration-${name}`),
      rest_api_id: api,
      resource_id: ref(`aws_api_gateway_resource.${resource}.id`),
      http_method: ref(`aws_api_gateway_method.${name}.http_method`),
      type: 'MOCK',
    };
  };
  add(`${parent}_proxy_any`, `${parent}_proxy`);
  if (onParent) add(`${parent}_any`, parent);
  return stack;
}

describe('method step', () => {
  it('refuses a path with no resource (403 Missing Authentication Token)', async () => {
    const result = await walk(privateApiStack(), { path: '/nothing' });
    expectRefusedAt(result, 'method', 'aws_api_gateway_rest_api.api');
  });

  it('refuses a method the resource does not have, naming the resource', async () => {
    const result = await walk(privateApiStack(), { method: 'POST' });
    expect(result.stoppedAt).toEqual(
      expect.objectContaining({ step: 'method', address: 'aws_api_gateway_resource.hello' }),
    );
  });

  // Regression for defect 2 of issue 12 (cross-account privatelink): methods only on the greedy
  // children, so /ecs/ and /asg/ returned 403.
  it('never matches a greedy {proxy+} to its parent', async () => {
    const stack = withProxy(privateApiStack(), 'ecs', false);
    const parent = await walk(stack, { path: '/ecs/', expect: { backend: 'api/integration-ecs' } });
    expectRefusedAt(parent, 'method', 'aws_api_gateway_resource.ecs');
    const child = await walk(stack, {
      path: '/ecs/a/b',
      expect: { backend: 'api/integration-ecs_proxy_any' },
    });
    expect(child.ok).toBe(true);
  });

  it('answers the parent once it has a method of its own', async () => {
    const stack = withProxy(privateApiStack(), 'ecs', true);
    const result = await walk(stack, {
      path: '/ecs/',
      expect: { backend: 'api/integration-ecs_any' },
    });
    expect(result.ok).toBe(true);
  });

  it('prefers a literal path part over a greedy sibling, and ANY when no method matches exactly', async () => {
    const stack = withProxy(privateApiStack(), 'ecs', true);
    const r = stack.resource;
    r.aws_api_gateway_resource.literal = {
      ...at('api/res-literal'),
      rest_api_id: ref('aws_api_gateway_rest_api.api.id'),
      parent_id: ref('aws_api_gateway_resource.ecs.id'),
      path_part: 'health',
    };
    r.aws_api_gateway_method.health = {
      ...at('api/method-health'),
      rest_api_id: ref('aws_api_gateway_rest_api.api.id'),
      resource_id: ref('aws_api_gateway_resource.literal.id'),
      http_method: 'GET',
      authorization: 'AWS_IAM',
    };
    r.aws_api_gateway_integration.health = {
      ...at('api/integration-health'),
      rest_api_id: ref('aws_api_gateway_rest_api.api.id'),
      resource_id: ref('aws_api_gateway_resource.literal.id'),
      http_method: ref('aws_api_gateway_method.health.http_method'),
      type: 'MOCK',
    };
    expect(
      (await walk(stack, { path: '/ecs/health', expect: { backend: 'api/integration-health' } }))
        .ok,
    ).toBe(true);
    expect(
      (
        await walk(stack, {
          path: '/ecs/other',
          method: 'DELETE',
          expect: { backend: 'api/integration-ecs_proxy_any' },
        })
      ).ok,
    ).toBe(true);
  });
});

describe('authorizer step', () => {
  it('refuses an unsigned call to an AWS_IAM method', async () => {
    const result = await walk(privateApiStack(), { signed: false });
    expectRefusedAt(result, 'authorizer', 'aws_api_gateway_method.hello');
  });

  it('refuses a call without the token a Lambda authorizer reads, and passes one with it', async () => {
    const stack = privateApiStack();
    const r = stack.resource;
    r.aws_api_gateway_authorizer = {
      auth: {
        rest_api_id: ref('aws_api_gateway_rest_api.api.id'),
        type: 'REQUEST',
        identity_source: 'method.request.header.Authorization',
      },
    };
    Object.assign(r.aws_api_gateway_method.hello, {
      authorization: 'CUSTOM',
      authorizer_id: ref('aws_api_gateway_authorizer.auth.id'),
    });
    const refused = await walk(stack, { signed: false });
    expect(refused.stoppedAt).toEqual(
      expect.objectContaining({ step: 'authorizer', address: 'aws_api_gateway_authorizer.auth' }),
    );
    expect((await walk(stack, { signed: false, headers: { Authorization: 'Bearer t' } })).ok).toBe(
      true,
    );
  });
});
