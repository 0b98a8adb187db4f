import { parseAddress, splitAddress } from '@apigw-private/tools/tfjson';
import { parsePlan } from '../engine/plan';
import { INSECURE, planOf, SECURE, SUPPRESSED } from './helpers';

describe('parseAddress', () => {
  it('reads a root resource', () => {
    expect(parseAddress('aws_lb.internal')).toEqual({
      moduleKey: '',
      moduleInstance: '',
      mode: 'managed',
      type: 'aws_lb',
      name: 'internal',
      base: 'aws_lb.internal',
    });
  });

  it('drops instance keys of modules and resources, dots inside keys included', () => {
    const parsed = parseAddress('module.net[0].module.az["eu-west-1.a"].aws_subnet.private["a.b"]');
    expect(parsed?.base).toBe('module.net.module.az.aws_subnet.private');
    expect(parsed?.moduleInstance).toBe('module.net[0].module.az["eu-west-1.a"]');
  });

  it('reads data sources', () => {
    expect(parseAddress('module.x.data.aws_iam_policy_document.p')?.base).toBe(
      'module.x.data.aws_iam_policy_document.p',
    );
    expect(parseAddress('module.x.data.aws_iam_policy_document.p')?.mode).toBe('data');
  });

  it('splits on dots outside brackets only', () => {
    expect(splitAddress('a.b["c.d"].e')).toEqual(['a', 'b["c.d"]', 'e']);
  });
});

describe('Plan', () => {
  it('indexes planned resources, child modules and data sources read during planning', () => {
    const plan = planOf(SECURE);
    expect(plan.instances('module.flow_logs.aws_flow_log.this')).toHaveLength(1);
    // Read at plan time: only in prior_state.
    expect(
      plan
        .dataOfType('aws_iam_policy_document')
        .map((d) => d.address)
        .sort(),
    ).toEqual([
      'data.aws_iam_policy_document.endpoint',
      'data.aws_iam_policy_document.orders',
      'module.flow_logs.data.aws_iam_policy_document.trust',
      'module.least_privilege.data.aws_iam_policy_document.artifacts',
      'module.least_privilege.data.aws_iam_policy_document.task',
      'module.least_privilege.data.aws_iam_policy_document.task_trust',
    ]);
  });

  it('marks values known only after apply', () => {
    const api = planOf(SECURE).instances('aws_api_gateway_rest_api.orders')[0];
    expect(api.isUnknown('policy')).toBe(true);
    expect(api.value('policy')).toBeUndefined();
    expect(api.strings('endpoint_configuration.0.types')).toEqual(['PRIVATE']);
  });

  it('follows var references into the module call and back to the root resource', () => {
    const plan = planOf(SECURE);
    const flowLog = plan.instances('module.flow_logs.aws_flow_log.this')[0];
    expect(flowLog.references('vpc_id')).toEqual([
      { address: 'aws_vpc.main', attribute: 'id', resolved: true },
    ]);
    expect(
      plan
        .referrers(plan.instances('aws_vpc.main')[0], 'aws_flow_log', 'vpc_id')
        .map((r) => r.address),
    ).toEqual(['module.flow_logs.aws_flow_log.this']);
  });

  it('reads references of JSON-syntax configuration (cdk.tf.json), whose constant_value is the template', () => {
    const plan = planOf(SUPPRESSED);
    const flowLog = plan.instances('aws_flow_log.main_flow_log')[0];
    expect(flowLog.expression('vpc_id')).toEqual({
      hasConstant: false,
      references: ['aws_vpc.main.id', 'aws_vpc.main'],
      isBlock: false,
      template: '${aws_vpc.main.id}',
    });
    expect(plan.links(flowLog, 'vpc_id', plan.instances('aws_vpc.main')[0])).toBe(true);
  });

  it('tells configured Optional+Computed attributes from computed ones', () => {
    const plan = planOf(INSECURE);
    const gateway = plan.instances('aws_vpc_endpoint.gateway_type')[0];
    expect(gateway.isUnknown('security_group_ids')).toBe(true);
    expect(gateway.isConfigured('security_group_ids')).toBe(false);
    const interfaceEndpoint = plan.instances('aws_vpc_endpoint.no_dns_vpc')[0];
    expect(interfaceEndpoint.isConfigured('security_group_ids')).toBe(true);
  });

  it('describes nested blocks in the configuration', () => {
    const group = planOf(SECURE).instances('aws_lb_target_group.web')[0];
    expect(group.isConfigured('health_check')).toBe(true);
    expect(group.expression('health_check.0.path')).toEqual({
      hasConstant: true,
      constant: '/health',
      references: [],
      isBlock: false,
    });
  });

  it('leaves out resources the plan deletes', () => {
    const plan = parsePlan(
      {
        format_version: '1.2',
        resource_changes: [
          {
            address: 'aws_lb.old',
            change: { actions: ['delete'], before: { internal: false }, after: null },
          },
          {
            address: 'aws_lb.kept',
            change: { actions: ['no-op'], before: { internal: true }, after: { internal: true } },
          },
        ],
      },
      { stack: 'inline' },
    );
    expect(plan.resources.map((r) => r.address)).toEqual(['aws_lb.kept']);
  });

  it('reads a state file (terraform show -json without a plan) through its values', () => {
    const plan = parsePlan(
      {
        format_version: '1.0',
        values: {
          root_module: {
            resources: [
              {
                address: 'aws_vpc.a',
                mode: 'managed',
                type: 'aws_vpc',
                name: 'a',
                values: { cidr_block: '10.0.0.0/16' },
              },
            ],
          },
        },
      },
      { stack: 'state' },
    );
    expect(plan.ofType('aws_vpc').map((r) => r.str('cidr_block'))).toEqual(['10.0.0.0/16']);
  });

  it('fails on JSON that is not a plan, saying how to make one', () => {
    expect(() => parsePlan({ resources: [] }, { stack: 'x', file: 'x.json' })).toThrow(
      'InvalidPlan: x.json is not Terraform plan JSON: no format_version; write it with `terraform show -json <planfile>`',
    );
    expect(() => parsePlan({ format_version: '2.0' }, { stack: 'x', file: 'x.json' })).toThrow(
      'InvalidPlan: x.json has format_version 2.0; supported: 0.x and 1.x',
    );
  });
});
