import { z } from 'zod';
import {
  accountId,
  azsInRegion,
  backendSchema,
  clientCidrs,
  ec2InstanceType,
  logsSchema,
  networkSchema,
  region,
  restApiSchema,
  roleName,
} from '@apigw-private/constructs/config/schema';

/**
 * Config of apps/basic. Every field has a default, so `npm run plan` works with no file and no
 * environment; override with a JSON file (APIGW_CONFIG_FILE or apps/basic/config.local.json) or
 * `APIGW__<path>` variables, e.g. `APIGW__network__vpcCidr=10.20.0.0/16`.
 */
export const basicConfigSchema = z
  .strictObject({
    /** Account the stacks deploy into (placeholder by default; offline plans never call AWS). */
    accountId: accountId().default('111111111111'),
    region: region().default('us-east-1'),
    /** IAM role assumed in the account in deploy mode; leave out to use your own identity. */
    roleName: roleName().optional(),
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
    /**
     * Whether the first stack sets the account's API Gateway CloudWatch role (one per account and
     * Region). Turn off when another stack or team already owns it.
     */
    manageApiGatewayAccount: z.boolean().default(true),
    /** S3 backend for deploy mode. */
    backend: backendSchema.optional(),
  })
  .superRefine((config, ctx) =>
    azsInRegion(ctx, config.network.azs, config.region, ['network', 'azs']),
  );

export type BasicConfig = z.output<typeof basicConfigSchema>;
