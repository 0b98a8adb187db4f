import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import type { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { Problems } from '../errors';
import { ServiceRole } from '../iam/service-role';
import type { Network } from '../network/network';
import { httpsToVpc, SecurityGroup } from '../network/security-group';
import { AL2023_AMI } from './ec2-client';
import { checkImageId, instanceLaunchTemplate } from './launch-template';

/** A load balancer target group the instances register with. */
export interface ITargetGroupRef {
  readonly arn: string;
}

export interface AutoScalingGroupProps {
  readonly network: Network;
  /** Short name for the group, its instances and its security group. */
  readonly name: string;
  /** Target groups (of an NLB) the instances register with; the group uses their health checks. */
  readonly targetGroups: readonly ITargetGroupRef[];
  /**
   * Port the service listens on.
   * @default 8080
   */
  readonly port?: number;
  /** Networks allowed to reach the port: the load balancer's subnets or VPC. */
  readonly clientCidrs: readonly string[];
  /**
   * Image ID, or `resolve:ssm:<parameter>` to let EC2 resolve it at launch.
   * @default - latest Amazon Linux 2023 (x86_64) through its public SSM parameter
   */
  readonly imageId?: string;
  /** @default 't3.micro' */
  readonly instanceType?: string;
  /** @default 2 */
  readonly minSize?: number;
  /** @default 4 */
  readonly maxSize?: number;
  /**
   * Shell script run at first boot (base64-encoded for you).
   * @default - a small JSON responder on `port` (python3 of Amazon Linux 2023) that answers
   * every method on every path, enough for a reference deployment, a proxy that forwards any
   * path, and the load balancer's health check
   */
  readonly userData?: string;
}

/**
 * The reference backend: one JSON answer for every method and every path. A load balancer or a
 * REST API proxy may hand it any path: API Gateway substitutes the greedy `{proxy}` of
 * `/parent/{proxy+}` into the integration URI, so `/asg/orders/1` arrives as `/orders/1`, and a
 * method on the parent itself sends the URI's own path, `/`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html).
 */
export function backendProgram(port: number, message: string): string {
  return [
    'import http.server, json',
    `MESSAGE = ${JSON.stringify(message)}`,
    'class Handler(http.server.BaseHTTPRequestHandler):',
    '    def answer(self):',
    '        length = int(self.headers.get("Content-Length") or 0)',
    '        if length:',
    '            self.rfile.read(length)',
    '        body = json.dumps({"message": MESSAGE, "path": self.path}).encode()',
    '        self.send_response(200)',
    '        self.send_header("Content-Type", "application/json")',
    '        self.send_header("Content-Length", str(len(body)))',
    '        self.end_headers()',
    '        if self.command != "HEAD":',
    '            self.wfile.write(body)',
    '    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = answer',
    `http.server.ThreadingHTTPServer(("", ${port}), Handler).serve_forever()`,
    '',
  ].join('\n');
}

function defaultUserData(port: number, name: string): string {
  return [
    '#!/bin/bash',
    'set -euo pipefail',
    'mkdir -p /srv/app',
    "cat > /srv/app/app.py <<'PROGRAM'",
    backendProgram(port, `Hello from the ${name} Auto Scaling group`).trimEnd(),
    'PROGRAM',
    'cat > /etc/systemd/system/app.service <<UNIT',
    '[Unit]',
    'Description=Reference backend',
    '[Service]',
    'WorkingDirectory=/srv/app',
    'ExecStart=/usr/bin/python3 /srv/app/app.py',
    'User=nobody',
    'Restart=always',
    '[Install]',
    'WantedBy=multi-user.target',
    'UNIT',
    'systemctl enable --now app.service',
    '',
  ].join('\n');
}

/**
 * An EC2 Auto Scaling group in the private subnets of a network, registered with load balancer
 * target groups: launch template with IMDSv2 only, encrypted gp3 root volume, no public IP, a
 * security group admitting only the service port from named networks, an instance role limited
 * to Session Manager, ELB health checks and rolling instance refresh on template changes.
 */
export class AutoScalingGroup extends Construct {
  readonly group: AutoscalingGroup;
  readonly launchTemplate: LaunchTemplate;
  readonly securityGroup: SecurityGroup;
  /** The instances' role: Session Manager (AmazonSSMManagedInstanceCore) only. */
  readonly role: ServiceRole;
  readonly port: number;

  constructor(scope: Construct, id: string, props: AutoScalingGroupProps) {
    super(scope, id);
    const port = props.port ?? 8080;
    const minSize = props.minSize ?? 2;
    const maxSize = props.maxSize ?? 4;
    const imageId = props.imageId ?? AL2023_AMI;
    const problems = new Problems(`AutoScalingGroup ${this.node.path}`)
      .checkPort('props.port', port)
      .check(
        Number.isInteger(minSize) && minSize >= 1,
        'InvalidCapacity',
        'props.minSize',
        minSize,
        'must be a whole number of at least 1',
      )
      .check(
        Number.isInteger(maxSize) && maxSize >= minSize,
        'InvalidCapacity',
        'props.maxSize',
        maxSize,
        `must be a whole number of at least minSize (${minSize})`,
      )
      .check(
        props.targetGroups.length > 0,
        'NoTargetGroups',
        'props.targetGroups',
        [],
        'must list at least one target group',
      );
    checkImageId(problems, imageId).throwIfAny();
    this.port = port;
    this.securityGroup = new SecurityGroup(this, 'sg', {
      vpcId: props.network.vpc.id,
      name: `${props.name}-asg`,
      description: `Auto Scaling group ${props.name}: port ${port} from the load balancer networks only`,
      ingress: {
        service: {
          description: `Service port ${port} from load balancer networks`,
          protocol: 'tcp',
          ports: port,
          cidrs: props.clientCidrs,
        },
      },
      egress: httpsToVpc(
        props.network.cidr,
        'HTTPS to interface endpoints in the VPC (Session Manager)',
      ),
    });
    this.role = new ServiceRole(this, 'role', {
      service: 'ec2.amazonaws.com',
      namePrefix: `${props.name}-`.slice(0, 38),
      managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'],
    });
    this.launchTemplate = instanceLaunchTemplate(this, {
      namePrefix: `${props.name}-`,
      profileNamePrefix: `${props.name}-`.slice(0, 38),
      imageId,
      instanceType: props.instanceType,
      role: this.role,
      own: {
        networkInterfaces: [
          {
            associatePublicIpAddress: 'false',
            deleteOnTermination: 'true',
            securityGroups: [this.securityGroup.id],
          },
        ],
        userData: Buffer.from(props.userData ?? defaultUserData(port, props.name), 'utf8').toString(
          'base64',
        ),
        tagSpecifications: [{ resourceType: 'instance', tags: { Name: props.name } }],
      },
    });
    this.group = new AutoscalingGroup(this, 'resource', {
      namePrefix: `${props.name}-`,
      minSize,
      maxSize,
      vpcZoneIdentifier: props.network.subnetIds,
      targetGroupArns: props.targetGroups.map((tg) => tg.arn),
      healthCheckType: 'ELB',
      healthCheckGracePeriod: 120,
      launchTemplate: {
        id: this.launchTemplate.id,
        version: Token.asString(this.launchTemplate.latestVersion),
      },
      instanceRefresh: { strategy: 'Rolling', preferences: { minHealthyPercentage: 50 } },
      enabledMetrics: ['GroupInServiceInstances', 'GroupDesiredCapacity'],
      tag: [{ key: 'Name', value: props.name, propagateAtLaunch: true }],
    });
  }
}
