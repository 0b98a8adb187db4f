import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import { LOG_RETENTION_DAYS } from '../config/schema';
import { Problems } from '../errors';

export interface LogsKeyProps {
  readonly accountId: string;
  readonly region: string;
}

/**
 * A customer managed KMS key that CloudWatch Logs in this account and Region may use to encrypt
 * log groups. Rotation on; the key policy keeps administration with the account and grants the
 * Logs service only the data-key actions, scoped to log groups of this account.
 */
export class LogsKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: LogsKeyProps) {
    super(scope, id);
    const { accountId, region } = props;
    const policy = new DataAwsIamPolicyDocument(this, 'policy', {
      statement: [
        {
          sid: 'AccountAdministers',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${accountId}:root`] }],
          actions: ['kms:*'],
          resources: ['*'],
        },
        {
          sid: 'CloudWatchLogsUse',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: [`logs.${region}.amazonaws.com`] }],
          actions: [
            'kms:Encrypt*',
            'kms:Decrypt*',
            'kms:ReEncrypt*',
            'kms:GenerateDataKey*',
            'kms:Describe*',
          ],
          resources: ['*'],
          condition: [
            {
              test: 'ArnLike',
              variable: 'kms:EncryptionContext:aws:logs:arn',
              values: [`arn:aws:logs:${region}:${accountId}:log-group:*`],
            },
          ],
        },
      ],
    });
    this.key = new KmsKey(this, 'resource', {
      description: `CloudWatch Logs encryption (${this.node.path})`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policy.json,
    });
  }
}

export interface LogGroupProps {
  /** Log group name, e.g. `/aws/apigateway/basic/access`. */
  readonly name: string;
  /** Days to keep events; one of the values CloudWatch Logs accepts. */
  readonly retentionDays: number;
  /**
   * Key that encrypts the group.
   * @default - CloudWatch Logs' own service-managed encryption
   */
  readonly kmsKey?: LogsKey;
}

/** A CloudWatch log group that always has a retention period, and a KMS key when given one. */
export class LogGroup extends Construct {
  readonly resource: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: LogGroupProps) {
    super(scope, id);
    new Problems(`LogGroup ${this.node.path}`)
      .check(
        LOG_RETENTION_DAYS.includes(props.retentionDays),
        'InvalidRetention',
        'props.retentionDays',
        props.retentionDays,
        `must be one of ${LOG_RETENTION_DAYS.join(', ')}`,
      )
      .throwIfAny();
    this.resource = new CloudwatchLogGroup(this, 'resource', {
      name: props.name,
      retentionInDays: props.retentionDays,
      kmsKeyId: props.kmsKey?.key.arn,
    });
  }

  get arn(): string {
    return this.resource.arn;
  }

  get name(): string {
    return this.resource.name;
  }
}
