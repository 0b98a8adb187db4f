import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { ReferenceStack } from '@apigw-private/constructs/app/reference-stack';
import type { BackendConfig } from '@apigw-private/constructs/config/schema';
import type { Mode } from '@apigw-private/constructs/providers/mode';
import { ApiGatewayAccountLogging } from '@apigw-private/constructs/rest/account-logging';
import { AccountSettingsTarget, stackIdOf } from './config';

export interface AccountSettingsStackProps {
  readonly target: AccountSettingsTarget;
  readonly mode: Mode;
  /**
   * S3 backend used in deploy mode.
   * @default - local state in the stack's folder
   */
  readonly backend?: BackendConfig;
}

/**
 * The API Gateway settings that AWS keeps once per account and Region, owned by exactly one
 * stack: the CloudWatch Logs role that every REST API stage of the reference apps needs before
 * it can write execution or access logs. Deploy this stack before any app in its account and
 * Region, and destroy it after them.
 */
export class AccountSettingsStack extends ReferenceStack {
  readonly logging: ApiGatewayAccountLogging;

  constructor(scope: Construct, props: AccountSettingsStackProps) {
    const id = stackIdOf(props.target);
    super(scope, id, {
      app: 'account-settings',
      mode: props.mode,
      target: props.target,
      backend: props.backend,
      tags: { Architecture: 'account-settings' },
    });
    this.logging = new ApiGatewayAccountLogging(this, 'apigw-account');
    new TerraformOutput(this, 'cloudwatch-role-arn', {
      description: `API Gateway CloudWatch Logs role of ${props.target.accountId} in ${props.target.region}`,
      value: this.logging.account.cloudwatchRoleArn,
    });
  }
}
