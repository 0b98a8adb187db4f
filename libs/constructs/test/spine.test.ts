import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { logsSchema, networkSchema, restApiSchema } from '../src/config/schema';
import { mockIntegration } from '../src/rest/mock-integration';
import { PrivateApiSpine, PrivateApiSpineProps, stageFor } from '../src/spine/private-api-spine';
import { runReferenceApp } from '../src/spine/reference-app';
import { ReferenceStack } from '../src/app/reference-stack';
import { synthObject, testNetwork, testStack } from './helpers';

const logs = logsSchema.parse({});
const api = restApiSchema({ name: 'orders', authorization: 'AWS_IAM' }).parse({});
const props = (over: Partial<PrivateApiSpineProps> = {}): PrivateApiSpineProps => ({
  network: {
    name: 'orders',
    ...networkSchema.parse({ vpcCidr: '10.9.0.0/16', azs: ['us-east-1a', 'us-east-1b'] }),
  },
  logs,
  api,
  apiName: 'orders',
  description: 'Orders',
  ...over,
});

function build(over: Partial<PrivateApiSpineProps> = {}, stack: ReferenceStack = testStack()) {
  const spine = new PrivateApiSpine(stack, props(over));
  spine.api.addMethod('/hello', 'GET', { integration: mockIntegration('{"ok": true}') });
  return { stack, spine };
}

describe('PrivateApiSpine', () => {
  test('builds the chain directly under its scope, so construct paths are the stack own', () => {
    const { stack, spine } = build();
    expect(stack.node.children.map((c) => c.node.id)).toEqual(
      expect.arrayContaining(['logs-key', 'network', 'execute-api', 'api']),
    );
    expect(spine.network.node.path).toBe('test/network');
    expect(spine.api.node.path).toBe('test/api');
    const out = synthObject(stack, true);
    expect(Object.keys(out.resource.aws_vpc)).toEqual([expect.stringMatching(/^network_vpc_/)]);
    expect(Object.values(out.resource.aws_kms_key)).toHaveLength(1);
    expect(Object.values(out.resource.aws_api_gateway_rest_api)[0]).toEqual(
      expect.objectContaining({
        name: 'orders',
        endpoint_configuration: { types: ['PRIVATE'], vpc_endpoint_ids: [expect.any(String)] },
      }),
    );
    // The account's CloudWatch role belongs to apps/account-settings, never to an app stack.
    expect(out.resource.aws_api_gateway_account).toBeUndefined();
  });

  test('the stage comes from config: name, access log retention, logging level, throttling', () => {
    const out = synthObject(
      build({
        api: {
          ...api,
          stageName: 'prod',
          loggingLevel: 'ERROR',
          throttleRateLimit: 7,
          throttleBurstLimit: 3,
        },
      }).stack,
    );
    expect(Object.values(out.resource.aws_api_gateway_stage)[0].stage_name).toBe('prod');
    expect(Object.values(out.resource.aws_api_gateway_method_settings)[0].settings).toEqual(
      expect.objectContaining({
        logging_level: 'ERROR',
        throttling_rate_limit: 7,
        throttling_burst_limit: 3,
      }),
    );
    expect(
      Object.values(out.resource.aws_cloudwatch_log_group).map((g) => g.retention_in_days),
    ).toEqual([90, 90]);
  });

  test('no KMS key when logs.kmsKey is off', () => {
    const out = synthObject(build({ logs: { ...logs, kmsKey: false } }).stack);
    expect(out.resource.aws_kms_key).toBeUndefined();
  });

  test('an existing network is used as it is, with the key the app passes', () => {
    const stack = testStack();
    const network = testNetwork(stack, 'shared');
    const { spine } = build({ network }, stack);
    expect(spine.network).toBe(network);
    expect(spine.logsKey).toBeUndefined();
    expect(Object.keys(synthObject(stack).resource.aws_vpc)).toEqual([
      expect.stringMatching(/^shared_vpc_/),
    ]);
  });

  test('the endpoint admits 443 from the client networks given, the VPC by default', () => {
    const ingress = (over: Partial<PrivateApiSpineProps>) =>
      Object.values(synthObject(build(over).stack).resource.aws_vpc_security_group_ingress_rule)
        .map((r) => r.cidr_ipv4)
        .sort();
    expect(ingress({})).toEqual(['10.9.0.0/16']);
    expect(ingress({ clientCidrs: ['10.9.0.0/16', '192.168.0.0/20'] })).toEqual([
      '10.9.0.0/16',
      '192.168.0.0/20',
    ]);
  });

  test('addOutputs: every DNS option with private DNS on; no private DNS URL with it off', () => {
    const on = build();
    on.spine.addOutputs({ path: '/hello' });
    expect(Object.keys(synthObject(on.stack).output ?? {}).sort()).toEqual([
      'api-id',
      'execute-api-endpoint-id',
      'invoke-header-endpoint-dns',
      'invoke-url-endpoint-dns',
      'invoke-url-private-dns',
      'invoke-url-route53-alias',
    ]);
    const off = build({ privateDns: false });
    off.spine.addOutputs({ path: '/', endpointDns: false });
    expect(Object.keys(synthObject(off.stack).output ?? {}).sort()).toEqual([
      'api-id',
      'execute-api-endpoint-id',
      'invoke-url-route53-alias',
    ]);
  });

  test('stageFor maps the config once, leaving an unset logging level to the stage default', () => {
    expect(
      stageFor({ stageName: 'v2', throttleRateLimit: 5, throttleBurstLimit: 2 }, logs, undefined),
    ).toEqual({
      name: 'v2',
      accessLogRetentionDays: 90,
      logsKey: undefined,
      loggingLevel: undefined,
      throttleRateLimit: 5,
      throttleBurstLimit: 2,
    });
  });
});

describe('runReferenceApp', () => {
  const schema = z.strictObject({ name: z.string().default('from-defaults') });
  let work: string;
  const saved = process.env.CDKTF_OUTDIR;

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'spine-app-'));
    process.env.CDKTF_OUTDIR = join(work, 'cdktf.out');
  });
  afterEach(() => {
    rmSync(work, { recursive: true, force: true });
    if (saved === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = saved;
  });

  test('reads config.local.json next to the app folder, then builds and synthesizes the stacks', () => {
    writeFileSync(join(work, 'config.local.json'), JSON.stringify({ name: 'from-file' }));
    const seen: string[] = [];
    runReferenceApp({
      app: 'demo',
      dir: join(work, 'src'),
      schema,
      stacks: ({ app, config, mode }) => {
        seen.push(config.name, mode);
        new ReferenceStack(app, config.name, {
          app: 'demo',
          mode,
          target: { accountId: '111111111111', region: 'us-east-1' },
        });
      },
    });
    expect(seen).toEqual(['from-file', 'offline']);
    expect(readdirSync(join(work, 'cdktf.out', 'stacks'))).toEqual(['from-file']);
  });
});
