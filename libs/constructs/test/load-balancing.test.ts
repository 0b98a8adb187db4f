import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { Testing } from 'cdktf';
import { ReferenceStack } from '../src/app/reference-stack';
import { AccessLogsBucket } from '../src/load-balancing/access-logs-bucket';
import { InternalAlb } from '../src/load-balancing/internal-alb';
import { synthObject, testNetwork, testStack, validationErrorOf } from './helpers';

const CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000';

type Statement = {
  sid: string;
  effect: string;
  actions: string[];
  resources: string[];
  principals: { type: string; identifiers: string[] }[];
  condition?: { test: string; variable: string; values: string[] }[];
};

function statementsOf(stack: ReferenceStack, id: string): Statement[] {
  const documents = synthObject(stack).data.aws_iam_policy_document;
  const key = Object.keys(documents).find((k) => k.startsWith(`${id}_`));
  expect(key).toBeDefined();
  return (documents[key!] as { statement: Statement[] }).statement;
}

describe('AccessLogsBucket', () => {
  test('blocks public access, encrypts with SSE-S3 and expires logs', () => {
    const stack = testStack();
    new AccessLogsBucket(stack, 'logs', { expirationDays: 30 });
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(synthesized).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
    });
    expect(synthesized).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [
        expect.objectContaining({
          status: 'Enabled',
          expiration: [{ days: 30 }],
          filter: [{ prefix: 'elb/' }],
        }),
      ],
    });
  });

  test('the policy denies plain HTTP and lets the Region ELB account and log delivery write', () => {
    const stack = testStack();
    new AccessLogsBucket(stack, 'logs', { expirationDays: 30 });
    const statements = statementsOf(stack, 'logs_policy-document');
    const deny = statements.find((s) => s.sid === 'DenyInsecureTransport')!;
    expect(deny.effect).toBe('Deny');
    expect(deny.condition).toEqual([
      { test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] },
    ]);
    const alb = statements.find((s) => s.sid === 'AlbLogDelivery')!;
    expect(alb.principals).toEqual([
      { type: 'AWS', identifiers: ['arn:aws:iam::127311923021:root'] },
    ]);
    expect(alb.resources[0]).toMatch(/\/elb\/AWSLogs\/111111111111\/\*$/);
    const nlb = statementsOf(stack, 'logs_policy-document').find(
      (s) => s.sid === 'NlbLogDelivery',
    )!;
    expect(nlb.principals).toEqual([
      { type: 'Service', identifiers: ['delivery.logs.amazonaws.com'] },
    ]);
  });

  test('a Region opened after August 2022 uses the log delivery service principal', () => {
    const stack = new ReferenceStack(Testing.app(), 'test', {
      app: 'test',
      mode: 'offline',
      target: { accountId: '111111111111', region: 'eu-central-2' },
    });
    new AccessLogsBucket(stack, 'logs', { expirationDays: 30 });
    const alb = statementsOf(stack, 'logs_policy-document').find(
      (s) => s.sid === 'AlbLogDelivery',
    )!;
    expect(alb.principals).toEqual([
      { type: 'Service', identifiers: ['logdelivery.elasticloadbalancing.amazonaws.com'] },
    ]);
  });

  test('fails when the expiry is not a whole number of days', () => {
    const error = validationErrorOf(
      () => new AccessLogsBucket(testStack(), 'logs', { expirationDays: 0 }),
    );
    expect(error.codes).toEqual(['InvalidExpiration']);
    expect(error.message).toMatch(/InvalidExpiration: props\.expirationDays .*got 0/);
  });
});

describe('InternalAlb', () => {
  function albFixture() {
    const stack = testStack();
    const network = testNetwork(stack);
    const logs = new AccessLogsBucket(stack, 'logs', { expirationDays: 30 });
    const alb = new InternalAlb(stack, 'alb', { name: 'orders-alb', network, accessLogs: logs });
    return { stack, alb };
  }

  test("registers IP targets, such as an interface endpoint's addresses", () => {
    const { stack, alb } = albFixture();
    const tg = alb.addTargetGroup('api', {
      port: 443,
      protocol: 'HTTPS',
      healthCheck: { path: '/ping', matcher: '200' },
    });
    tg.addIpTargets('endpoint', { addresses: ['10.0.0.10', '10.0.16.10'] });
    const attachments = Object.values(synthObject(stack).resource.aws_lb_target_group_attachment);
    expect(attachments).toEqual([
      expect.objectContaining({ target_id: '10.0.0.10', port: 443 }),
      expect.objectContaining({ target_id: '10.0.16.10', port: 443 }),
    ]);
  });

  test('fails when an instance target group gets IP targets', () => {
    const { alb } = albFixture();
    const tg = alb.addTargetGroup('app', { port: 8080, targetType: 'instance' });
    const error = validationErrorOf(() => tg.addIpTargets('x', { addresses: ['10.0.0.1'] }));
    expect(error.codes).toEqual(['WrongTargetType']);
    expect(error.message).toMatch(/targetType must be ip to register IP addresses, got "instance"/);
  });

  test('an internal ALB that drops invalid headers, with deletion protection and access logs', () => {
    const { stack, alb } = albFixture();
    const tg = alb.addTargetGroup('app', { port: 8080, healthCheck: { path: '/health' } });
    alb.addListener('https', {
      port: 443,
      protocol: 'HTTPS',
      certificateArn: CERT,
      targetGroup: tg,
    });
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(Lb, {
      load_balancer_type: 'application',
      internal: true,
      drop_invalid_header_fields: true,
      enable_deletion_protection: true,
      access_logs: expect.objectContaining({ enabled: true }),
    });
    expect(synthesized).toHaveResourceWithProperties(LbTargetGroup, {
      target_type: 'ip',
      protocol: 'HTTP',
      health_check: expect.objectContaining({ enabled: true, path: '/health' }),
    });
    expect(synthesized).toHaveResourceWithProperties(LbListener, {
      protocol: 'HTTPS',
      ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    });
  });

  test('fails when an HTTPS listener has no certificate', () => {
    const { alb } = albFixture();
    const tg = alb.addTargetGroup('app', { port: 8080 });
    const error = validationErrorOf(() =>
      alb.addListener('https', { port: 443, protocol: 'HTTPS', targetGroup: tg }),
    );
    expect(error.codes).toEqual(['MissingCertificate']);
    expect(error.message).toMatch(
      /listeners\.https\.certificateArn is required for HTTPS listeners/,
    );
  });
});
