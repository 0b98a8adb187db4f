import { privateApiStack, walk, withNlbBackend, expectRefusedAt } from './fixture';

const BACKEND = { expect: { backend: 'service/service' } } as const;

describe('VPC link, listener, target group, target security group, backend port', () => {
  it('follows a REST VPC link to the NLB listener on the URI port, then to the ECS tasks', async () => {
    const result = await walk(withNlbBackend(privateApiStack()), BACKEND);
    expect(result.ok).toBe(true);
    expect(result.backend).toEqual(
      expect.objectContaining({ kind: 'ecs', address: 'aws_ecs_service.service' }),
    );
    expect(result.steps.map((s) => s.step).slice(-7)).toEqual([
      'integration',
      'listener',
      'target-group',
      'network',
      'target-sg',
      'target-sg',
      'backend-port',
    ]);
  });

  it('fails at the listener when no listener takes the integration port', async () => {
    const stack = withNlbBackend(privateApiStack());
    stack.resource.aws_lb_listener.app.port = 9090;
    const result = await walk(stack, BACKEND);
    expectRefusedAt(result, 'listener', 'aws_lb.nlb');
    expect(result.stoppedAt?.detail).toContain('no listener of aws_lb.nlb on port 8080');
  });

  it('fails at the target group when nothing registers in it', async () => {
    const stack = withNlbBackend(privateApiStack());
    stack.resource.aws_ecs_service.service.load_balancer = [];
    const result = await walk(stack, BACKEND);
    expectRefusedAt(result, 'target-group', 'aws_lb_target_group.tasks');
  });

  it("fails at the target's security group when it does not admit the load balancer", async () => {
    const stack = withNlbBackend(privateApiStack());
    stack.resource.aws_vpc_security_group_ingress_rule.tasks_in.from_port = 443;
    stack.resource.aws_vpc_security_group_ingress_rule.tasks_in.to_port = 443;
    const result = await walk(stack, BACKEND);
    expectRefusedAt(result, 'target-sg', 'aws_security_group.tasks');
  });

  it("fails at the load balancer's own egress when it may not send to the targets", async () => {
    const stack = withNlbBackend(privateApiStack());
    delete stack.resource.aws_vpc_security_group_egress_rule.nlb_out;
    const result = await walk(stack, BACKEND);
    expect(result.stoppedAt).toEqual(
      expect.objectContaining({ step: 'target-sg', address: 'aws_security_group.nlb' }),
    );
  });

  it('fails at the backend port when the container does not listen on the registered port', async () => {
    const stack = withNlbBackend(privateApiStack());
    stack.resource.aws_ecs_task_definition.task.container_definitions = JSON.stringify([
      { name: 'app', image: 'nginx', portMappings: [{ containerPort: 8000 }] },
    ]);
    const result = await walk(stack, BACKEND);
    expectRefusedAt(result, 'backend-port', 'aws_ecs_task_definition.task');
  });

  it('reads the backend port of Auto Scaling instances from the server their user data starts', async () => {
    const stack = withNlbBackend(privateApiStack());
    const r = stack.resource;
    delete r.aws_ecs_service;
    r.aws_lb_target_group.tasks = {
      ...r.aws_lb_target_group.tasks,
      port: 8080,
      target_type: 'instance',
    };
    r.aws_vpc_security_group_ingress_rule.tasks_in = {
      ...r.aws_vpc_security_group_ingress_rule.tasks_in,
      from_port: 8080,
      to_port: 8080,
    };
    r.aws_vpc_security_group_egress_rule.nlb_out = {
      ...r.aws_vpc_security_group_egress_rule.nlb_out,
      from_port: 8080,
      to_port: 8080,
    };
    const script = '#!/bin/bash\npython3 -m http.server 8080\n';
    r.aws_launch_template = {
      app: {
        user_data: Buffer.from(script).toString('base64'),
        vpc_security_group_ids: ['${aws_security_group.tasks.id}'],
      },
    };
    r.aws_autoscaling_group = {
      app: {
        '//': { metadata: { path: 'demo/asg/resource' } },
        vpc_zone_identifier: ['${aws_subnet.a.id}'],
        target_group_arns: ['${aws_lb_target_group.tasks.arn}'],
        launch_template: { id: '${aws_launch_template.app.id}' },
      },
    };
    expect((await walk(stack, { expect: { backend: 'asg' } })).ok).toBe(true);
    r.aws_launch_template.app.user_data = Buffer.from(script.replace('8080', '8000')).toString(
      'base64',
    );
    const refused = await walk(stack, { expect: { backend: 'asg' } });
    expect(refused.stoppedAt).toEqual(
      expect.objectContaining({ step: 'backend-port', address: 'aws_launch_template.app' }),
    );
  });
});
