import type { PlanRule, Violation } from '../engine/rule';

export const vpcFlowLogs: PlanRule = {
  scope: 'plan',
  id: 'VPC-001',
  description: 'Every VPC has a flow log.',
  reason:
    'Flow logs are the record of which addresses talked to the endpoints, load balancers and tasks in the VPC; needed for incident response.',
  level: 'error',
  anchors: ['checkov CKV2_AWS_11', 'cdk-nag AwsSolutions-VPC7', 'AWS FSBP EC2.6'],
  resourceTypes: ['aws_vpc', 'aws_flow_log'],
  check(plan) {
    return plan.ofType('aws_vpc').flatMap((vpc): Violation[] =>
      plan.referrers(vpc, 'aws_flow_log', 'vpc_id').length > 0
        ? []
        : [
            {
              address: vpc.address,
              message: `VPC ${vpc.address} (${vpc.str('cidr_block') ?? '?'}) has no aws_flow_log.`,
              fix: 'Add aws_flow_log { vpc_id = <vpc>.id, traffic_type = "ALL", log_destination = <log group or bucket> }.',
            },
          ],
    );
  },
};
