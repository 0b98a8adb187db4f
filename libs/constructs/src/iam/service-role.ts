import {
  DataAwsIamPolicyDocument,
  DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';

export interface ServiceRoleProps {
  /** Service principal that assumes the role, e.g. `lambda.amazonaws.com`. */
  readonly service: string;
  /** Prefix of the generated role name. */
  readonly namePrefix: string;
  /**
   * The account the service may assume the role for: the trust gets condition StringEquals
   * aws:SourceAccount, which stops the service being used to act for another account (the
   * cross-service confused deputy). AWS recommends it where the service sets the key, e.g. for
   * ECS task roles (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html).
   * @default - no condition (for services that do not set aws:SourceAccount, such as Lambda and EC2)
   */
  readonly sourceAccount?: string;
  /**
   * Inline permissions, keyed by a stable statement name (also the statement's Sid).
   * @default - no permissions
   */
  readonly statements?: Record<string, Omit<DataAwsIamPolicyDocumentStatement, 'sid'>>;
  /**
   * AWS managed policies to attach by ARN; use only where AWS scopes them tightly.
   * @default - none
   */
  readonly managedPolicyArns?: readonly string[];
}

/** An IAM role for one AWS service with inline, named, least-privilege statements. */
export class ServiceRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: [props.service] }],
          condition: props.sourceAccount
            ? [
                {
                  test: 'StringEquals',
                  variable: 'aws:SourceAccount',
                  values: [props.sourceAccount],
                },
              ]
            : undefined,
        },
      ],
    });
    this.role = new IamRole(this, 'resource', {
      namePrefix: props.namePrefix,
      assumeRolePolicy: trust.json,
    });
    // One attachment per managed policy, keyed by the policy's name: the role's own
    // managed_policy_arns argument is deprecated in the AWS provider 5.x and plans with a warning
    // (https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/iam_role).
    for (const policyArn of props.managedPolicyArns ?? []) {
      new IamRolePolicyAttachment(this, `managed-${policyArn.split('/').pop()}`, {
        role: this.role.name,
        policyArn,
      });
    }
    const statements = Object.entries(props.statements ?? {});
    if (statements.length > 0) {
      const document = new DataAwsIamPolicyDocument(this, 'permissions', {
        statement: statements.map(([sid, statement]) => ({ sid, effect: 'Allow', ...statement })),
      });
      new IamRolePolicy(this, 'policy', { role: this.role.id, policy: document.json });
    }
  }

  get arn(): string {
    return this.role.arn;
  }

  get name(): string {
    return this.role.name;
  }
}
