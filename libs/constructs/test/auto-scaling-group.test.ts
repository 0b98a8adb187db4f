import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { AutoScalingGroup, AutoScalingGroupProps } from '../src/compute/auto-scaling-group';
import { synthObject, testNetwork, testStack, validationErrorOf } from './helpers';

const TG = {
  arn: 'arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/app/0123456789abcdef',
};

function fixture(props: Partial<AutoScalingGroupProps> = {}) {
  const stack = testStack();
  const network = testNetwork(stack);
  const build = () =>
    new AutoScalingGroup(stack, 'asg', {
      network,
      name: 'app',
      targetGroups: [TG],
      clientCidrs: ['10.0.0.0/16'],
      ...props,
    });
  return { stack, build };
}

/** The program the default user data writes to /srv/app/app.py. */
function programOf(userData: unknown): string {
  const script = Buffer.from(String(userData), 'base64').toString('utf8');
  const program = /<<'PROGRAM'\n([\s\S]*?)\nPROGRAM\n/.exec(script);
  if (!program) throw new Error(`no app.py heredoc in the user data:\n${script}`);
  return program[1];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function fetchWhenUp(url: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const values = (resources: Record<string, Record<string, unknown>> | undefined) =>
  Object.values(resources ?? {});

describe('AutoScalingGroup', () => {
  test('a launch template with IMDSv2, an encrypted volume and no public IP', () => {
    const f = fixture();
    f.build();
    const template = values(synthObject(f.stack).resource.aws_launch_template)[0];
    expect(template.metadata_options).toEqual(
      expect.objectContaining({ http_tokens: 'required', http_put_response_hop_limit: 1 }),
    );
    expect(template.block_device_mappings).toEqual([
      expect.objectContaining({
        ebs: expect.objectContaining({ encrypted: 'true', volume_type: 'gp3' }),
      }),
    ]);
    expect(template.network_interfaces).toEqual([
      expect.objectContaining({ associate_public_ip_address: 'false' }),
    ]);
    expect(Buffer.from(String(template.user_data), 'base64').toString('utf8')).toMatch(
      /^#!\/bin\/bash\n[\s\S]*ThreadingHTTPServer\(\("", 8080\)[\s\S]*ExecStart=\/usr\/bin\/python3 \/srv\/app\/app\.py/,
    );
  });

  test('the default backend answers JSON on every path a proxy may send it, for every method', async () => {
    if (spawnSync('python3', ['--version']).status !== 0) {
      throw new Error('python3 is needed to run the default backend program: install Python 3');
    }
    const port = await freePort();
    const f = fixture({ port });
    f.build();
    const template = values(synthObject(f.stack).resource.aws_launch_template)[0];
    const server = spawn('python3', ['-c', programOf(template.user_data)], { stdio: 'ignore' });
    try {
      // `/` from a method on the parent (/asg), anything else from /asg/{proxy+}.
      for (const [method, path] of [
        ['GET', '/'],
        ['GET', '/orders/1?x=y'],
        ['POST', '/anything'],
      ]) {
        const response = await fetchWhenUp(`http://127.0.0.1:${port}${path}`, {
          method,
          body: method === 'POST' ? '{"a":1}' : undefined,
        });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/json');
        expect(await response.json()).toEqual({
          message: 'Hello from the app Auto Scaling group',
          path,
        });
      }
    } finally {
      server.kill();
    }
  });

  test('the group spans the private subnets and registers with the target groups, using ELB health checks', () => {
    const f = fixture();
    f.build();
    expect(values(synthObject(f.stack).resource.aws_autoscaling_group)).toEqual([
      expect.objectContaining({
        min_size: 2,
        max_size: 4,
        target_group_arns: [TG.arn],
        health_check_type: 'ELB',
        vpc_zone_identifier: [
          expect.stringContaining('aws_subnet.'),
          expect.stringContaining('aws_subnet.'),
        ],
        launch_template: expect.objectContaining({
          version: expect.stringContaining('.latest_version'),
        }),
      }),
    ]);
  });

  test("the instances' role holds the Session Manager core policy through an attachment, not the deprecated managed_policy_arns", () => {
    const f = fixture();
    f.build();
    const resource = synthObject(f.stack).resource;
    const [role] = values(resource.aws_iam_role);
    expect(role.managed_policy_arns).toBeUndefined();
    expect(values(resource.aws_iam_role_policy_attachment)).toEqual([
      {
        role: expect.stringMatching(/^\$\{aws_iam_role\.asg_role_resource_\w+\.name\}$/),
        policy_arn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
      },
    ]);
  });

  test('admits only the service port from the load balancer networks', () => {
    const f = fixture({ port: 9000 });
    f.build();
    expect(values(synthObject(f.stack).resource.aws_vpc_security_group_ingress_rule)).toEqual([
      expect.objectContaining({ from_port: 9000, to_port: 9000, cidr_ipv4: '10.0.0.0/16' }),
    ]);
  });

  test('fails when maxSize is below minSize', () => {
    const f = fixture({ minSize: 3, maxSize: 2 });
    const error = validationErrorOf(f.build);
    expect(error.codes).toEqual(['InvalidCapacity']);
    expect(error.message).toMatch(
      /props\.maxSize must be a whole number of at least minSize \(3\), got 2/,
    );
  });

  test('fails when no target group is given', () => {
    const f = fixture({ targetGroups: [] });
    const error = validationErrorOf(f.build);
    expect(error.codes).toEqual(['NoTargetGroups']);
    expect(error.message).toMatch(/props\.targetGroups/);
  });

  test('fails when ingress would be open to anywhere', () => {
    const f = fixture({ clientCidrs: ['0.0.0.0/0'] });
    const error = validationErrorOf(f.build);
    expect(error.codes).toEqual(['OpenIngress']);
    expect(error.message).toMatch(/"0\.0\.0\.0\/0"/);
  });
});
