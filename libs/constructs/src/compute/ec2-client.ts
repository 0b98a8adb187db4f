import { Instance } from '@cdktf/provider-aws/lib/instance';
import { Construct } from 'constructs';
import { Problems } from '../errors';
import { ServiceRole } from '../iam/service-role';
import type { Network } from '../network/network';
import { httpsToVpc, SecurityGroup } from '../network/security-group';
import type { PrivateRestApi } from '../rest/private-rest-api';
import { checkImageId, instanceLaunchTemplate } from './launch-template';

/** Latest Amazon Linux 2023, resolved by EC2 at launch from the public SSM parameter. */
export const AL2023_AMI =
  'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

export interface Ec2ClientProps {
  readonly network: Network;
  readonly api: PrivateRestApi;
  /**
   * Image ID, or `resolve:ssm:<parameter>` to let EC2 resolve it at launch.
   * @default - latest Amazon Linux 2023 (x86_64) through its public SSM parameter
   */
  readonly imageId?: string;
  /**
   * @default 't3.micro'
   */
  readonly instanceType?: string;
}

/**
 * An EC2 instance in a private subnet for calling the private API by hand: no public IP, no
 * inbound rules (reach it with Session Manager), IMDSv2 only, encrypted root volume, and an
 * instance role that may invoke this API only (plus the Session Manager core policy).
 */
export class Ec2Client extends Construct {
  readonly instance: Instance;
  readonly securityGroup: SecurityGroup;
  /** The instance's role: invoke this API, and Session Manager. */
  readonly role: ServiceRole;

  constructor(scope: Construct, id: string, props: Ec2ClientProps) {
    super(scope, id);
    const imageId = props.imageId ?? AL2023_AMI;
    checkImageId(new Problems(`Ec2Client ${this.node.path}`), imageId).throwIfAny();
    const name = `${props.network.name}-api-client`;
    this.securityGroup = new SecurityGroup(this, 'sg', {
      vpcId: props.network.vpc.id,
      name: `${name}-ec2`,
      description: 'EC2 API client: no inbound; HTTPS to the VPC (interface endpoints) only',
      egress: httpsToVpc(props.network.cidr),
    });
    this.role = new ServiceRole(this, 'role', {
      service: 'ec2.amazonaws.com',
      namePrefix: `${name}-`,
      statements: {
        InvokeThisApiOnly: {
          actions: ['execute-api:Invoke'],
          resources: [`${props.api.executionArn}/*`],
        },
      },
      managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'],
    });
    // A launch template lets EC2 resolve the SSM image parameter and still encrypt the root volume.
    const template = instanceLaunchTemplate(this, {
      namePrefix: `${name}-`,
      imageId,
      instanceType: props.instanceType,
      role: this.role,
      own: { ebsOptimized: 'true' },
    });
    this.instance = new Instance(this, 'resource', {
      launchTemplate: { id: template.id, version: '$Latest' },
      subnetId: props.network.subnetIds[0],
      vpcSecurityGroupIds: [this.securityGroup.id],
      associatePublicIpAddress: false,
      tags: { Name: name },
    });
  }
}
