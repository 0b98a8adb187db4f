import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Construct } from 'constructs';
import { Problems } from '../errors';
import { ServiceRole } from '../iam/service-role';
import type { Network } from '../network/network';
import { SecurityGroup } from '../network/security-group';
import type { PrivateRestApi } from '../rest/private-rest-api';

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
    new Problems(`Ec2Client ${this.node.path}`)
      .check(
        /^(ami-[0-9a-f]{8,17}|resolve:ssm:\/.+)$/.test(imageId),
        'InvalidImageId',
        'props.imageId',
        imageId,
        'must be an AMI ID (ami-...) or resolve:ssm:/<parameter>',
      )
      .throwIfAny();
    const name = `${props.network.name}-api-client`;
    this.securityGroup = new SecurityGroup(this, 'sg', {
      vpcId: props.network.vpc.id,
      name: `${name}-ec2`,
      description: 'EC2 API client: no inbound; HTTPS to the VPC (interface endpoints) only',
      egress: {
        https: {
          description: 'HTTPS to interface endpoints in the VPC',
          protocol: 'tcp',
          ports: 443,
          cidrs: [props.network.cidr],
        },
      },
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
    const profile = new IamInstanceProfile(this, 'profile', {
      namePrefix: `${name}-`,
      role: this.role.name,
    });
    // A launch template lets EC2 resolve the SSM image parameter and still encrypt the root volume.
    const template = new LaunchTemplate(this, 'template', {
      namePrefix: `${name}-`,
      imageId,
      instanceType: props.instanceType ?? 't3.micro',
      iamInstanceProfile: { arn: profile.arn },
      metadataOptions: {
        httpTokens: 'required',
        httpEndpoint: 'enabled',
        httpPutResponseHopLimit: 1,
      },
      monitoring: { enabled: true },
      ebsOptimized: 'true',
      blockDeviceMappings: [
        {
          deviceName: '/dev/xvda',
          ebs: { encrypted: 'true', volumeType: 'gp3', volumeSize: 8, deleteOnTermination: 'true' },
        },
      ],
      updateDefaultVersion: true,
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
