import { z } from 'zod';
import {
  azsInRegion,
  clientCidrs,
  ec2InstanceType,
  logsSchema,
  networkSchema,
  restApiSchema,
  singleTargetFields,
} from '@apigw-private/constructs/config/schema';

/**
 * Config of apps/basic. Every field has a default, so `npm run plan` works with no file and no
 * environment; override with a JSON file (APIGW_CONFIG_FILE or apps/basic/config.local.json) or
 * `APIGW__<path>` variables, e.g. `APIGW__network__vpcCidr=10.20.0.0/16`.
 */
export const basicConfigSchema = z
  .strictObject({
    ...singleTargetFields(),
    network: networkSchema.prefault({ vpcCidr: '10.10.0.0/16', azs: ['us-east-1a', 'us-east-1b'] }),
    /** Networks allowed to call the endpoint on 443 (default: the VPC itself). */
    clientCidrs: clientCidrs().min(1).optional(),
    api: restApiSchema({ name: 'basic-private-api', authorization: 'AWS_IAM' }),
    logs: logsSchema,
    clients: z
      .strictObject({
        lambda: z.boolean().default(true),
        ec2: z.boolean().default(true),
        /** Image for the EC2 client: an AMI ID or resolve:ssm:<parameter> (default: latest AL2023). */
        ec2ImageId: z.string().optional(),
        ec2InstanceType: ec2InstanceType().default('t3.micro'),
        /** Interface endpoints for Session Manager, so the EC2 client is reachable without internet. */
        sessionManagerEndpoints: z.boolean().default(true),
      })
      .prefault({}),
  })
  .superRefine((config, ctx) =>
    azsInRegion(ctx, config.network.azs, config.region, ['network', 'azs']),
  );

export type BasicConfig = z.output<typeof basicConfigSchema>;
