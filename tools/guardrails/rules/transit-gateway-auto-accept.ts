import type { PlanRule, Violation } from '../engine/rule';

export const transitGatewayAutoAccept: PlanRule = {
  scope: 'plan',
  id: 'TGW-001',
  description: 'Transit gateways do not accept shared attachments automatically.',
  reason:
    'With auto-accept, any account the transit gateway is shared with can attach a VPC and route into the private network unreviewed.',
  level: 'error',
  anchors: ['checkov CKV_AWS_331', 'AWS FSBP EC2.23'],
  resourceTypes: ['aws_ec2_transit_gateway'],
  check(plan) {
    return plan.ofType('aws_ec2_transit_gateway').flatMap((tgw): Violation[] =>
      tgw.str('auto_accept_shared_attachments') === 'enable'
        ? [
            {
              address: tgw.address,
              message: `Transit gateway ${tgw.address} has auto_accept_shared_attachments = "enable"; allowed: "disable".`,
              fix: 'Set auto_accept_shared_attachments = "disable" and accept attachments with aws_ec2_transit_gateway_vpc_attachment_accepter.',
            },
          ]
        : [],
    );
  },
};
