import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { LaunchTemplate, LaunchTemplateConfig } from '@cdktf/provider-aws/lib/launch-template';
import type { Construct } from 'constructs';
import type { Problems } from '../errors';
import type { ServiceRole } from '../iam/service-role';

/** Checks an instance image: an AMI ID or an SSM parameter EC2 resolves at launch. */
export function checkImageId(problems: Problems, imageId: string): Problems {
  return problems.check(
    /^(ami-[0-9a-f]{8,17}|resolve:ssm:\/.+)$/.test(imageId),
    'InvalidImageId',
    'props.imageId',
    imageId,
    'must be an AMI ID (ami-...) or resolve:ssm:/<parameter>',
  );
}

export interface InstanceLaunchProps {
  /** Name prefix of the launch template. */
  readonly namePrefix: string;
  /**
   * Name prefix of the instance profile (IAM limits it to 38 characters).
   * @default - namePrefix
   */
  readonly profileNamePrefix?: string;
  /** An AMI ID or `resolve:ssm:<parameter>`. */
  readonly imageId: string;
  /**
   * @default 't3.micro'
   */
  readonly instanceType?: string;
  /** The instances' role (trusting ec2.amazonaws.com). */
  readonly role: ServiceRole;
  /** Settings only this kind of instance has (network interfaces, user data, tags). */
  readonly own?: Partial<LaunchTemplateConfig>;
}

/**
 * An instance profile for `role` (construct ID `profile`) and a launch template (ID `template`)
 * with the settings every instance of the library shares: IMDSv2 only with a hop limit of 1,
 * detailed monitoring, an encrypted gp3 root volume, the new version as default.
 */
export function instanceLaunchTemplate(
  scope: Construct,
  props: InstanceLaunchProps,
): LaunchTemplate {
  const profile = new IamInstanceProfile(scope, 'profile', {
    namePrefix: props.profileNamePrefix ?? props.namePrefix,
    role: props.role.name,
  });
  return new LaunchTemplate(scope, 'template', {
    namePrefix: props.namePrefix,
    imageId: props.imageId,
    instanceType: props.instanceType ?? 't3.micro',
    iamInstanceProfile: { arn: profile.arn },
    metadataOptions: {
      httpTokens: 'required',
      httpEndpoint: 'enabled',
      httpPutResponseHopLimit: 1,
    },
    monitoring: { enabled: true },
    blockDeviceMappings: [
      {
        deviceName: '/dev/xvda',
        ebs: { encrypted: 'true', volumeType: 'gp3', volumeSize: 8, deleteOnTermination: 'true' },
      },
    ],
    updateDefaultVersion: true,
    ...props.own,
  });
}
