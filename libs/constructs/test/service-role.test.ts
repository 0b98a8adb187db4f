import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Testing } from 'cdktf';
import { ServiceRole } from '../src/iam/service-role';
import { synthObject, testStack } from './helpers';

const SSM = 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore';

describe('ServiceRole', () => {
  test('a role only the given service may assume, with no managed policies', () => {
    const stack = testStack();
    new ServiceRole(stack, 'role', { service: 'ec2.amazonaws.com', namePrefix: 'x-' });
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name_prefix: 'x-' });
    expect(synthesized).not.toHaveResource(IamRolePolicyAttachment);
  });

  test('attaches managed policies with aws_iam_role_policy_attachment, not the deprecated managed_policy_arns', () => {
    const stack = testStack();
    new ServiceRole(stack, 'role', {
      service: 'ec2.amazonaws.com',
      namePrefix: 'x-',
      managedPolicyArns: [SSM],
    });
    const json = synthObject(stack);
    const roles = Object.entries(json.resource.aws_iam_role);
    expect(roles).toHaveLength(1);
    const [roleKey, role] = roles[0];
    // The role keeps its construct ID, so its Terraform address is unchanged.
    expect(roleKey).toMatch(/^role_resource_/);
    expect(role).not.toHaveProperty('managed_policy_arns');
    expect(Object.values(json.resource.aws_iam_role_policy_attachment)).toEqual([
      { role: `\${aws_iam_role.${roleKey}.name}`, policy_arn: SSM },
    ]);
  });
});
