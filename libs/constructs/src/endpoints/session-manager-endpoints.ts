import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { Construct } from 'constructs';
import { Problems } from '../errors';
import type { Network } from '../network/network';
import type { ISecurityGroup } from '../network/security-group';
import { InterfaceEndpoint } from './interface-endpoint';

/**
 * The calls SSM Agent makes through each Session Manager endpoint: the actions of the AWS managed
 * policy AmazonSSMManagedInstanceCore that the instances' role holds, split by service
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonSSMManagedInstanceCore.html,
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-setting-up-messageAPIs.html).
 */
export const SESSION_MANAGER_ACTIONS = {
  ssm: [
    'ssm:DescribeAssociation',
    'ssm:DescribeDocument',
    'ssm:GetDeployablePatchSnapshotForInstance',
    'ssm:GetDocument',
    'ssm:GetManifest',
    'ssm:GetParameter',
    'ssm:GetParameters',
    'ssm:ListAssociations',
    'ssm:ListInstanceAssociations',
    'ssm:PutComplianceItems',
    'ssm:PutConfigurePackageResult',
    'ssm:PutInventory',
    'ssm:UpdateAssociationStatus',
    'ssm:UpdateInstanceAssociationStatus',
    'ssm:UpdateInstanceInformation',
  ],
  ssmmessages: [
    'ssmmessages:CreateControlChannel',
    'ssmmessages:CreateDataChannel',
    'ssmmessages:OpenControlChannel',
    'ssmmessages:OpenDataChannel',
  ],
  ec2messages: [
    'ec2messages:AcknowledgeMessage',
    'ec2messages:DeleteMessage',
    'ec2messages:FailMessage',
    'ec2messages:GetEndpoint',
    'ec2messages:GetMessages',
    'ec2messages:SendReply',
  ],
} as const;

export type SessionManagerService = keyof typeof SESSION_MANAGER_ACTIONS;

/** Instances that reach Session Manager through the endpoints. */
export interface SessionManagerClient {
  /** The instances' security group: the only source the endpoints admit on 443. */
  readonly securityGroup: ISecurityGroup;
  /** ARN of the instances' role: the only principal the endpoint policies let through. */
  readonly roleArn: string;
}

export interface SessionManagerEndpointsProps {
  readonly network: Network;
  /** Instances that use the endpoints, keyed by a stable name. */
  readonly clients: Readonly<Record<string, SessionManagerClient>>;
}

/**
 * The three interface endpoints Session Manager needs in a VPC without internet access (ssm,
 * ssmmessages, ec2messages, private DNS on:
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html). Each admits
 * 443 only from the clients' security groups, and its endpoint policy allows only the agent's
 * actions of that service, only for the clients' roles. Operators start sessions through the
 * public Systems Manager API; only the instances' agents use these endpoints.
 *
 * The endpoints get the IDs `<service>-endpoint` in `scope`, the IDs apps have always used.
 */
export function sessionManagerEndpoints(
  scope: Construct,
  props: SessionManagerEndpointsProps,
): Record<SessionManagerService, InterfaceEndpoint> {
  const clients = Object.entries(props.clients);
  new Problems('sessionManagerEndpoints')
    .check(
      clients.length > 0,
      'NoClients',
      'props.clients',
      props.clients,
      'must name at least one client (security group and role) of the Session Manager endpoints',
    )
    .throwIfAny();
  const groups = Object.fromEntries(clients.map(([key, c]) => [key, c.securityGroup]));
  const roles = clients.map(([, c]) => c.roleArn);
  const build = (service: SessionManagerService) => {
    const policy = new DataAwsIamPolicyDocument(scope, `${service}-endpoint-policy`, {
      statement: [
        {
          sid: 'SessionManagerAgentOnly',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: ['*'] }],
          actions: [...SESSION_MANAGER_ACTIONS[service]],
          resources: ['*'],
          condition: [{ test: 'ArnEquals', variable: 'aws:PrincipalArn', values: roles }],
        },
      ],
    });
    return new InterfaceEndpoint(scope, `${service}-endpoint`, {
      network: props.network,
      service,
      clientGroups: groups,
      privateDns: true,
      policy: policy.json,
    });
  };
  return {
    ssm: build('ssm'),
    ssmmessages: build('ssmmessages'),
    ec2messages: build('ec2messages'),
  };
}
