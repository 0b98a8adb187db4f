import type { Report } from '..';
import { ALL_RULES } from '../rules';
import {
  addressesOf,
  backendFixture,
  INSECURE,
  messagesOf,
  PLANTED,
  planOf,
  reportOf,
  SECURE,
  SUPPRESSED,
} from './helpers';

/**
 * Every plan rule, with the exact resources of the insecure fixture that break it. The secure
 * fixture is the passing case of each. Rules that need other inputs (backend, suppressions) are
 * tested on their own fixtures below.
 */
const INSECURE_FINDINGS: Readonly<Record<string, readonly string[]>> = {
  'APIGW-PRIVATE-001': ['aws_api_gateway_rest_api.meant_private'],
  'APIGW-PRIVATE-002': [
    'aws_api_gateway_rest_api.meant_private',
    'aws_api_gateway_rest_api.no_policy',
  ],
  'APIGW-PRIVATE-003': [
    'aws_api_gateway_rest_api.opaque_policy',
    'aws_api_gateway_rest_api.open_policy',
  ],
  'APIGW-PRIVATE-004': [
    'aws_api_gateway_rest_api.deny_wrong_key',
    'aws_api_gateway_rest_api.opaque_policy',
    'aws_api_gateway_rest_api.open_policy',
  ],
  'APIGW-PRIVATE-005': ['aws_api_gateway_rest_api.untagged_public'],
  'APIGW-VPCE-001': ['aws_vpc_endpoint.gateway_type'],
  'APIGW-VPCE-002': ['aws_vpc_endpoint.gateway_type'],
  'APIGW-VPCE-004': ['aws_vpc.no_dns_hostnames'],
  'APIGW-STAGE-001': ['aws_api_gateway_stage.bare', 'aws_apigatewayv2_stage.bare'],
  'APIGW-STAGE-002': ['aws_api_gateway_stage.bare'],
  'APIGW-STAGE-003': [
    'aws_api_gateway_method_settings.loose_all',
    'aws_api_gateway_stage.bare',
    'aws_apigatewayv2_stage.bare',
  ],
  'APIGW-STAGE-004': ['aws_api_gateway_method_settings.loose_all'],
  'APIGW-STAGE-005': [
    'aws_api_gateway_method_settings.loose_all',
    'aws_api_gateway_stage.bare',
    'aws_apigatewayv2_stage.bare',
  ],
  'APIGW-STAGE-006': ['aws_api_gateway_method_settings.loose_all', 'aws_api_gateway_stage.loose'],
  'APIGW-AUTH-001': [
    'aws_api_gateway_method.open_policy_none',
    'aws_api_gateway_method.public_none',
  ],
  'APIGW-AUTH-002': ['aws_apigatewayv2_route.no_auth'],
  'APIGW-TLS-001': ['aws_api_gateway_domain_name.tls_1_0'],
  'ELB-001': ['aws_lb.public_nlb'],
  'ELB-002': ['aws_lb.public_nlb'],
  'ELB-003': ['aws_lb.public_nlb'],
  'ELB-004': ['aws_lb.public_nlb'],
  'ELB-005': ['aws_lb_listener.https_no_cert', 'aws_lb_listener.old_tls'],
  'ELB-006': ['aws_lb_listener.plain_http'],
  'ELB-007': ['aws_lb_target_group.http_no_path', 'aws_lb_target_group.no_health_check'],
  'EC2-SG-001': [
    'aws_security_group.open_inline',
    'aws_security_group_rule.open_ipv6',
    'aws_vpc_security_group_ingress_rule.open_ssh',
  ],
  'EC2-SG-002': [
    'aws_security_group.open_inline',
    'aws_security_group.open_inline',
    'aws_vpc_security_group_ingress_rule.open_ssh',
  ],
  'ECS-001': ['aws_ecs_service.public_ip'],
  'ECS-002': ['aws_ecs_task_definition.unknown_definitions', 'aws_ecs_task_definition.unsafe'],
  'ECS-003': ['aws_ecs_task_definition.unknown_definitions', 'aws_ecs_task_definition.unsafe'],
  'ECS-004': ['aws_ecs_task_definition.unknown_definitions', 'aws_ecs_task_definition.unsafe'],
  'ECS-005': ['aws_ecs_task_definition.unknown_definitions', 'aws_ecs_task_definition.unsafe'],
  'ECS-006': ['aws_ecs_cluster.no_insights'],
  'LOGS-001': ['aws_cloudwatch_log_group.no_retention'],
  'LOGS-002': ['aws_cloudwatch_log_group.no_retention'],
  'VPC-001': ['aws_vpc.no_dns_hostnames'],
  'VPC-002': ['aws_default_security_group.open_default_group', 'aws_vpc.no_dns_hostnames'],
  'PRIVATELINK-001': ['aws_vpc_endpoint_service.auto_accept'],
  'TGW-001': ['aws_ec2_transit_gateway.auto_accept'],
  'R53-001': [
    'aws_route53_record.primary_private_ip_check',
    'aws_route53_record.weighted_unchecked',
  ],
  'VPCE-001': ['aws_vpc_endpoint.gateway_type', 'aws_vpc_endpoint.no_dns_vpc'],
};

/**
 * The violations issue 14 planted to fool rules that read shapes (fixtures/terraform/planted),
 * each an error at the resource named. The failing fixture of the rules added for them.
 */
const PLANTED_FINDINGS: Readonly<Record<string, readonly string[]>> = {
  'APIGW-PRIVATE-003': [
    'aws_api_gateway_rest_api.secure_transport_only',
    'aws_api_gateway_rest_api_policy.any_source_ip',
  ],
  'VPCE-001': [
    'aws_vpc_endpoint.ecr_api',
    'aws_vpc_endpoint.logs',
    'aws_vpc_endpoint.s3_gateway',
    'aws_vpc_endpoint.ssm',
  ],
  'ELB-006': ['aws_lb_listener.plain_http'],
  'EC2-SG-001': ['aws_security_group.split_open'],
  'NET-001': ['aws_instance.public_ip'],
  'NET-002': ['aws_route.to_internet'],
  'IAM-001': ['aws_iam_policy.star_on_star'],
  'IAM-002': ['aws_iam_role_policy.logs_on_every_group'],
  'IAM-003': ['aws_iam_policy.star_on_star', 'aws_iam_role_policy_attachment.administrator'],
  'IAM-004': ['aws_iam_role.open_trust'],
  'IAM-005': ['aws_iam_role.task_without_source'],
  'LAMBDA-001': ['aws_lambda_permission.anyone'],
  'POLICY-001': ['aws_kms_key.open_key', 'aws_sqs_queue_policy.anyone_sends'],
  'S3-001': ['aws_s3_bucket.unencrypted'],
  'S3-002': ['aws_s3_bucket_public_access_block.public'],
  'S3-003': ['aws_s3_bucket.unencrypted', 'aws_s3_bucket_policy.public'],
  'S3-004': ['aws_s3_bucket_policy.public'],
};

/** Rules whose failing and passing fixtures are not the secure/insecure pair. */
const OTHER_FIXTURES = ['BACKEND-001', 'BACKEND-002', 'GUARDRAILS-001', 'GUARDRAILS-002'];

describe('rule set', () => {
  it('gives every rule an ID, one-line description, reason, level and anchors', async () => {
    for (const rule of ALL_RULES) {
      expect(rule.id).toMatch(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-\d{3}$/);
      expect(rule.description).not.toContain('\n');
      expect(rule.description.length).toBeGreaterThan(10);
      expect(rule.reason.length).toBeGreaterThan(20);
      expect(['error', 'warning']).toContain(rule.level);
      expect(rule.anchors.length).toBeGreaterThan(0);
    }
  });

  it('has unique rule IDs', async () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has a failing fixture for every rule', async () => {
    const covered = new Set([
      ...Object.keys(INSECURE_FINDINGS),
      ...Object.keys(PLANTED_FINDINGS),
      ...OTHER_FIXTURES,
    ]);
    expect([...covered].sort()).toEqual(ALL_RULES.map((r) => r.id).sort());
  });
});

describe.each(Object.entries(PLANTED_FINDINGS))(
  '%s on the planted violations',
  (rule, addresses) => {
    it('reports each planted violation as an error naming the resource', async () => {
      const findings = (await reportOf(PLANTED)).stacks
        .flatMap((s) => s.findings)
        .filter((f) => f.rule === rule);
      expect(findings.map((f) => f.address).sort()).toEqual([...addresses].sort());
      expect(findings.every((f) => f.level === 'error')).toBe(true);
    });

    it('passes the secure plan, which has resources the rule reads', async () => {
      expect(addressesOf(await reportOf(SECURE), rule)).toEqual([]);
      const types = ALL_RULES.find((r) => r.id === rule)?.resourceTypes ?? [];
      expect(planOf(SECURE).ofType(...types).length).toBeGreaterThan(0);
    });
  },
);

describe.each(Object.entries(INSECURE_FINDINGS))('%s', (rule, addresses) => {
  it('reports exactly the breaking resources of the insecure plan', async () => {
    expect(addressesOf(await reportOf(INSECURE), rule)).toEqual([...addresses].sort());
  });

  it('passes the secure plan, which has resources the rule reads', async () => {
    expect(addressesOf(await reportOf(SECURE), rule)).toEqual([]);
    const types = ALL_RULES.find((r) => r.id === rule)?.resourceTypes ?? [];
    expect(planOf(SECURE).ofType(...types).length).toBeGreaterThan(0);
  });
});

describe('messages name the resource, the value and what is allowed', () => {
  let report: Report;
  beforeAll(async () => {
    report = await reportOf(INSECURE);
  });

  it('APIGW-PRIVATE-001 names the intent and the endpoint type', async () => {
    expect(
      messagesOf(report, 'APIGW-PRIVATE-001', 'aws_api_gateway_rest_api.meant_private'),
    ).toEqual([
      'REST API aws_api_gateway_rest_api.meant_private is meant to be private (tag Exposure=private) but its endpoint types are REGIONAL; allowed: PRIVATE only.',
    ]);
  });

  it('APIGW-PRIVATE-004 follows an unknown condition value to the resource it references', async () => {
    const [message] = messagesOf(
      report,
      'APIGW-PRIVATE-004',
      'aws_api_gateway_rest_api.deny_wrong_key',
    );
    expect(message).toContain('data.aws_iam_policy_document.deny_wrong_key');
    expect(message).toContain(
      'aws:SourceVpce takes its value from aws_subnet.a.id, which is not the id of an aws_vpc_endpoint',
    );
  });

  it('APIGW-PRIVATE-003 reports a policy it cannot read instead of skipping it', async () => {
    const [message] = messagesOf(
      report,
      'APIGW-PRIVATE-003',
      'aws_api_gateway_rest_api.opaque_policy',
    );
    expect(message).toContain('cannot be checked');
    expect(message).toContain('not built from an aws_iam_policy_document data source');
  });

  it('ELB-005 names the policy found', async () => {
    const [message] = messagesOf(report, 'ELB-005', 'aws_lb_listener.old_tls');
    expect(message).toContain(
      'ssl_policy ELBSecurityPolicy-2016-08 is not an allowed TLS 1.2+ policy',
    );
  });

  it('ECS-005 names the variables, not their values', async () => {
    const [message] = messagesOf(report, 'ECS-005', 'aws_ecs_task_definition.unsafe');
    expect(message).toContain('DB_PASSWORD, apiToken');
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('DB_PASSWORD_SECRET_ARN');
  });

  it('ECS rules report container definitions known only after apply', async () => {
    const [message] = messagesOf(report, 'ECS-003', 'aws_ecs_task_definition.unknown_definitions');
    expect(message).toContain('container_definitions is known only after apply');
  });

  it('R53-001 names the private IP of an internet health check', async () => {
    const [message] = messagesOf(report, 'R53-001', 'aws_route53_record.primary_private_ip_check');
    expect(message).toContain(
      'aws_route53_health_check.private_ip is HTTPS on private IP 10.40.1.10',
    );
  });

  it('every finding has a fix', async () => {
    for (const finding of report.stacks.flatMap((s) => s.findings))
      expect(finding.fix.length).toBeGreaterThan(10);
  });
});

describe('BACKEND-001', () => {
  it('fails an S3 backend without encrypt and use_lockfile', async () => {
    const report = await reportOf(backendFixture('s3-unencrypted'));
    expect(addressesOf(report, 'BACKEND-001')).toEqual(['terraform.backend.s3']);
    expect(messagesOf(report, 'BACKEND-001', 'terraform.backend.s3')[0]).toContain(
      'encrypt not set, use_lockfile not set',
    );
  });

  it('passes an S3 backend with encrypt, use_lockfile and a key', async () => {
    expect(addressesOf(await reportOf(backendFixture('s3-encrypted')), 'BACKEND-001')).toEqual([]);
  });

  it('passes a local backend (offline plan)', async () => {
    expect(addressesOf(await reportOf(backendFixture('local')), 'BACKEND-001')).toEqual([]);
  });

  it('notes that a plan without cdk.tf.json has no backend to check', async () => {
    const [stack] = (await reportOf(SECURE)).stacks;
    expect(stack.notes).toContain(
      'backend not checked: no cdk.tf.json next to plan.json (plan JSON does not record the backend)',
    );
  });
});

describe('BACKEND-002', () => {
  it('fails every stack that shares a state key with another', async () => {
    const report = await reportOf(
      backendFixture('s3-shared-key-a'),
      backendFixture('s3-shared-key-b'),
      backendFixture('s3-encrypted'),
    );
    const findings = report.stacks
      .flatMap((s) => s.findings)
      .filter((f) => f.rule === 'BACKEND-002');
    expect(findings.map((f) => f.stack).sort()).toEqual(['s3-shared-key-a', 's3-shared-key-b']);
    expect(findings[0].message).toContain('s3://tfstate-111122223333/shared/terraform.tfstate');
  });

  it('passes stacks with keys of their own', async () => {
    const report = await reportOf(
      backendFixture('s3-encrypted'),
      backendFixture('s3-shared-key-a'),
      backendFixture('local'),
    );
    expect(addressesOf(report, 'BACKEND-002')).toEqual([]);
  });
});

describe('GUARDRAILS-001', () => {
  it('fails a suppression without a reason', async () => {
    expect(addressesOf(await reportOf(SUPPRESSED), 'GUARDRAILS-001')).toEqual([
      'aws_cloudwatch_log_group.no_reason',
    ]);
  });

  it('passes suppressions with reasons', async () => {
    const [stack] = (await reportOf(SUPPRESSED)).stacks;
    const withReason = stack.suppressions.filter((s) => s.reason !== '');
    expect(withReason.length).toBeGreaterThan(0);
    expect(addressesOf(await reportOf(SUPPRESSED), 'GUARDRAILS-001')).not.toContain(
      withReason[0].address,
    );
  });
});

describe('GUARDRAILS-002', () => {
  it('fails a suppression of a rule that does not exist', async () => {
    const report = await reportOf(SUPPRESSED);
    expect(addressesOf(report, 'GUARDRAILS-002')).toEqual(['aws_ecs_cluster.typo']);
    expect(messagesOf(report, 'GUARDRAILS-002', 'aws_ecs_cluster.typo')[0]).toContain('"ECS-999"');
  });

  it('passes suppressions of existing rules', async () => {
    expect(addressesOf(await reportOf(SUPPRESSED), 'GUARDRAILS-002')).not.toContain(
      'aws_lb.test_nlb',
    );
  });
});

describe('findings on the planted violations say what the evaluator allowed', () => {
  let report: Report;
  beforeAll(async () => {
    report = await reportOf(PLANTED);
  });

  it('APIGW-PRIVATE-003 names the caller, the foreign endpoint and the placeholders used', () => {
    const [message] = messagesOf(
      report,
      'APIGW-PRIVATE-003',
      'aws_api_gateway_rest_api.secure_transport_only',
    );
    expect(message).toContain(
      'an anonymous caller is allowed execute-api:Invoke on arn:aws:execute-api:eu-west-1:',
    );
    expect(message).toContain('aws:SourceVpce=vpce-0ffffffffffffffff');
    expect(message).toMatch(
      /evaluated with placeholders for values unknown until apply: aws_vpc_endpoint\.execute_api\.id = vpce-0[0-9a-f]{16}/,
    );
  });

  it('APIGW-PRIVATE-003 lets the caller pick an address inside an aws:SourceIp condition', () => {
    const [message] = messagesOf(
      report,
      'APIGW-PRIVATE-003',
      'aws_api_gateway_rest_api_policy.any_source_ip',
    );
    expect(message).toContain('aws:SourceIp=0.0.0.0');
  });

  it('VPCE-001 says an endpoint without a policy gets full access, with the request that proves it', () => {
    expect(messagesOf(report, 'VPCE-001', 'aws_vpc_endpoint.s3_gateway')).toEqual([
      'aws_vpc_endpoint.s3_gateway (service com.amazonaws.eu-west-1.s3) has no endpoint policy, so AWS attaches full access: arn:aws:iam::444455556666:role/outsider is allowed s3:GetObject on arn:aws:s3:::guardrails-probe-foreign-bucket/object (request context aws:SecureTransport=true, aws:PrincipalAccount=444455556666).',
    ]);
  });

  it('EC2-SG-001 names the rules whose CIDRs together cover every address', () => {
    expect(messagesOf(report, 'EC2-SG-001', 'aws_security_group.split_open')).toEqual([
      'Security group aws_security_group.split_open admits every IPv4 address on tcp 443: its ingress rules aws_vpc_security_group_ingress_rule.lower_half, aws_vpc_security_group_ingress_rule.upper_half together allow 0.0.0.0/1, 128.0.0.0/1, which cover the whole address space.',
    ]);
  });
});
