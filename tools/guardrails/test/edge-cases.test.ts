import { checkPlanJson, findingsOf } from '..';
import type { Json } from '@apigw-private/tools/tfjson';

/** Configuration expressions as HCL would give them for the planned values: blocks and constants. */
function expressionsOf(after: Json): Json {
  if (after === null || typeof after !== 'object' || Array.isArray(after)) return {};
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(after)) {
    const isBlockList =
      Array.isArray(value) &&
      value.length > 0 &&
      value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
    out[key] = isBlockList
      ? (value as readonly Json[]).map(expressionsOf)
      : { constant_value: value };
  }
  return out;
}

/** A plan in the shape of `terraform show -json`, from resources given as address, values, expressions. */
function plan(
  resources: readonly {
    address: string;
    after: Json;
    unknown?: Json;
    expressions?: Json;
    module?: string;
  }[],
  moduleCalls: Json = {},
): Json {
  const root = resources.filter((r) => !r.module);
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    resource_changes: resources.map((r) => ({
      address: r.address,
      change: { actions: ['create'], before: null, after: r.after, after_unknown: r.unknown ?? {} },
    })),
    configuration: {
      root_module: {
        resources: root.map((r) => ({
          address: r.address,
          expressions: {
            ...(expressionsOf(r.after) as object),
            ...((r.expressions ?? {}) as object),
          },
        })),
        module_calls: moduleCalls,
      },
    },
  };
}

async function rulesAt(
  json: Json,
  options: Parameters<typeof checkPlanJson>[2] = {},
): Promise<readonly string[]> {
  return findingsOf(await checkPlanJson(json, 'edge', options)).map(
    (f) => `${f.rule} ${f.address}`,
  );
}

describe('WebSocket APIs', () => {
  const api = {
    address: 'aws_apigatewayv2_api.ws',
    after: { protocol_type: 'WEBSOCKET' },
    unknown: { id: true },
  };
  const ref = { references: ['aws_apigatewayv2_api.ws.id', 'aws_apigatewayv2_api.ws'] };

  it('require a logging level on the stage, and authorization on $connect only', async () => {
    const findings = await rulesAt(
      plan([
        api,
        {
          address: 'aws_apigatewayv2_stage.ws',
          after: {
            access_log_settings: [
              {
                destination_arn: 'arn:aws:logs:eu-west-1:111122223333:log-group:ws',
                format: '$context.requestId',
              },
            ],
            default_route_settings: [
              {
                detailed_metrics_enabled: true,
                logging_level: 'OFF',
                data_trace_enabled: true,
                throttling_rate_limit: 10,
                throttling_burst_limit: 5,
              },
            ],
          },
          expressions: { api_id: ref },
        },
        {
          address: 'aws_apigatewayv2_route.connect',
          after: { route_key: '$connect', authorization_type: 'NONE' },
          expressions: { api_id: ref },
        },
        {
          address: 'aws_apigatewayv2_route.message',
          after: { route_key: 'sendMessage', authorization_type: 'NONE' },
          expressions: { api_id: ref },
        },
      ]),
    );
    expect(findings).toEqual([
      'APIGW-STAGE-003 aws_apigatewayv2_stage.ws',
      'APIGW-STAGE-004 aws_apigatewayv2_stage.ws',
      'APIGW-AUTH-002 aws_apigatewayv2_route.connect',
    ]);
  });
});

describe('aws_alb alias types', () => {
  it('are checked like aws_lb', async () => {
    const findings = await rulesAt(
      plan([
        {
          address: 'aws_alb.legacy',
          after: {
            internal: false,
            load_balancer_type: 'application',
            enable_deletion_protection: true,
            access_logs: [{ bucket: 'logs', enabled: true }],
          },
        },
      ]),
    );
    expect(findings).toEqual(['ELB-001 aws_alb.legacy']);
  });
});

describe('resources in child modules with count', () => {
  const json = plan(
    [0, 1].map((i) => ({
      address: `module.edge.aws_lb.this[${i}]`,
      module: 'module.edge',
      after: {
        internal: true,
        load_balancer_type: 'network',
        enable_deletion_protection: false,
        enable_cross_zone_load_balancing: true,
        access_logs: [{ bucket: 'logs', enabled: true }],
      },
    })),
    {
      edge: {
        source: './edge',
        module: {
          resources: [
            {
              address: 'aws_lb.this',
              expressions: expressionsOf({
                internal: true,
                load_balancer_type: 'network',
                enable_deletion_protection: false,
                enable_cross_zone_load_balancing: true,
                access_logs: [{ bucket: 'logs', enabled: true }],
              }),
              count_expression: { constant_value: 2 },
            },
          ],
        },
      },
    },
  );

  it('are reported by instance address', async () => {
    expect(await rulesAt(json)).toEqual([
      'ELB-002 module.edge.aws_lb.this[0]',
      'ELB-002 module.edge.aws_lb.this[1]',
    ]);
  });

  it('are all covered by a suppression of the base address', async () => {
    const report = await checkPlanJson(json, 'edge', {
      suppressions: [
        {
          rule: 'ELB-002',
          address: 'module.edge.aws_lb.this',
          reason: 'Blue/green test pair, replaced daily',
          origin: 'test',
        },
      ],
    });
    expect(findingsOf(report)).toEqual([]);
    expect(report.stacks[0].suppressed.map((f) => f.address)).toEqual([
      'module.edge.aws_lb.this[0]',
      'module.edge.aws_lb.this[1]',
    ]);
  });
});

describe('a REST API policy given as literal JSON on the API', () => {
  const policy = (statements: Json) =>
    JSON.stringify({ Version: '2012-10-17', Statement: statements });
  const api = (policyText: string) =>
    plan([
      {
        address: 'aws_api_gateway_rest_api.api',
        after: {
          endpoint_configuration: [
            { types: ['PRIVATE'], vpc_endpoint_ids: ['vpce-0a1b2c3d4e5f60718'] },
          ],
          policy: policyText,
        },
      },
    ]);

  it('passes with a conditioned Allow and a source Deny', async () => {
    const text = policy([
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: 'execute-api:/*',
        Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' } },
      },
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: 'execute-api:/*',
        Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' } },
      },
    ]);
    expect(await rulesAt(api(text))).toEqual([]);
  });

  it('fails an Allow whose only condition is a wildcard', async () => {
    const text = policy([
      {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'execute-api:*',
        Resource: '*',
        Condition: { StringLike: { 'aws:SourceVpce': '*' } },
      },
    ]);
    expect(await rulesAt(api(text))).toEqual([
      'APIGW-PRIVATE-003 aws_api_gateway_rest_api.api',
      'APIGW-PRIVATE-004 aws_api_gateway_rest_api.api',
    ]);
  });
});
