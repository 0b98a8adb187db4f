import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { targetOf } from '../app/account-scope';
import { Problems } from '../errors';

/**
 * The Elastic Load Balancing account that writes ALB access logs in each Region opened before
 * August 2022. Regions opened later use the `logdelivery.elasticloadbalancing.amazonaws.com`
 * service principal instead. The values come from the ELB user guide ("Enable access logs").
 */
export const ELB_LOG_DELIVERY_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-east-1': '127311923021',
  'us-east-2': '033677994240',
  'us-west-1': '027434742980',
  'us-west-2': '797873946194',
  'af-south-1': '098369216593',
  'ap-east-1': '754344448648',
  'ap-southeast-3': '589379963580',
  'ap-south-1': '718504428378',
  'ap-northeast-3': '383597477331',
  'ap-northeast-2': '600734575887',
  'ap-southeast-1': '114774131450',
  'ap-southeast-2': '783225319266',
  'ap-northeast-1': '582318560864',
  'ca-central-1': '985666609251',
  'eu-central-1': '054676820928',
  'eu-west-1': '156460612806',
  'eu-west-2': '652711504416',
  'eu-south-1': '635631232127',
  'eu-west-3': '009996457667',
  'eu-north-1': '897822967062',
  'me-south-1': '076674570225',
  'sa-east-1': '507241528517',
  'us-gov-west-1': '048591011584',
  'us-gov-east-1': '190560391635',
};

/** Where a load balancer writes its access logs. */
export interface IAccessLogsBucket {
  /** Bucket name. */
  readonly bucketName: string;
  /** Key prefix under which this bucket accepts load balancer logs. */
  readonly prefix: string;
  /**
   * What a load balancer must wait for before it turns logging on (the bucket policy).
   * @default - nothing; the bucket is assumed ready
   */
  readonly ready?: ITerraformDependable;
}

export interface AccessLogsBucketProps {
  /**
   * Prefix of the generated bucket name (S3 adds a unique suffix); at most 37 characters.
   * @default 'elb-access-logs-'
   */
  readonly namePrefix?: string;
  /**
   * Key prefix the load balancers write under (`<prefix>/AWSLogs/<account>/...`).
   * @default 'elb'
   */
  readonly prefix?: string;
  /** Days after which log objects are deleted. */
  readonly expirationDays: number;
  /**
   * Let `terraform destroy` delete a bucket that still holds logs.
   * @default false - destroy fails while logs remain, so logs are never lost by accident
   */
  readonly forceDestroy?: boolean;
}

/**
 * An S3 bucket for Application and Network Load Balancer access logs in the stack's Region:
 * public access blocked, object ownership enforced, SSE-S3 (the only encryption ELB log
 * delivery supports), a policy that refuses plain HTTP and lets only the Region's log delivery
 * principals write under `<prefix>/AWSLogs/<account>/`, and lifecycle expiry.
 *
 * ALBs deliver through the Region's ELB account (or the `logdelivery.elasticloadbalancing`
 * principal in newer Regions); NLBs, whose logs cover TLS listeners only, deliver through
 * `delivery.logs.amazonaws.com`.
 */
export class AccessLogsBucket extends Construct implements IAccessLogsBucket {
  readonly bucket: S3Bucket;
  readonly prefix: string;
  /** The bucket policy; load balancers must wait for it or AWS refuses to enable logging. */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: AccessLogsBucketProps) {
    super(scope, id);
    const namePrefix = props.namePrefix ?? 'elb-access-logs-';
    const prefix = props.prefix ?? 'elb';
    new Problems(`AccessLogsBucket ${this.node.path}`)
      .check(
        /^[a-z0-9][a-z0-9.-]{0,36}$/.test(namePrefix),
        'InvalidBucketPrefix',
        'props.namePrefix',
        namePrefix,
        'must be 1-37 characters of lowercase letters, digits, dots and hyphens',
      )
      .check(
        /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/.test(prefix) &&
          !prefix.includes('AWSLogs'),
        'InvalidLogPrefix',
        'props.prefix',
        prefix,
        'must be a key prefix without leading or trailing slash and without "AWSLogs"',
      )
      .check(
        Number.isInteger(props.expirationDays) && props.expirationDays >= 1,
        'InvalidExpiration',
        'props.expirationDays',
        props.expirationDays,
        'must be a whole number of days, 1 or more',
      )
      .throwIfAny();
    this.prefix = prefix;
    const { accountId, region } = targetOf(this);

    this.bucket = new S3Bucket(this, 'resource', {
      bucketPrefix: namePrefix,
      forceDestroy: props.forceDestroy ?? false,
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'public-access', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      // ELB access log delivery supports SSE-S3 only; SSE-KMS makes delivery fail silently.
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-access-logs',
          status: 'Enabled',
          filter: [{ prefix: `${prefix}/` }],
          expiration: [{ days: props.expirationDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });

    const logObjects = `${this.bucket.arn}/${prefix}/AWSLogs/${accountId}/*`;
    const elbAccount = ELB_LOG_DELIVERY_ACCOUNTS[region];
    const document = new DataAwsIamPolicyDocument(this, 'policy-document', {
      statement: [
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:*'],
          resources: [this.bucket.arn, `${this.bucket.arn}/*`],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
        {
          sid: 'AlbLogDelivery',
          effect: 'Allow',
          principals: elbAccount
            ? [{ type: 'AWS', identifiers: [`arn:aws:iam::${elbAccount}:root`] }]
            : [
                {
                  type: 'Service',
                  identifiers: ['logdelivery.elasticloadbalancing.amazonaws.com'],
                },
              ],
          actions: ['s3:PutObject'],
          resources: [logObjects],
        },
        {
          sid: 'NlbLogDelivery',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['delivery.logs.amazonaws.com'] }],
          actions: ['s3:PutObject'],
          resources: [logObjects],
          condition: [
            {
              test: 'StringEquals',
              variable: 's3:x-amz-acl',
              values: ['bucket-owner-full-control'],
            },
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [accountId] },
            {
              test: 'ArnLike',
              variable: 'aws:SourceArn',
              values: [`arn:aws:logs:${region}:${accountId}:*`],
            },
          ],
        },
        {
          sid: 'NlbLogDeliveryAclCheck',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['delivery.logs.amazonaws.com'] }],
          actions: ['s3:GetBucketAcl'],
          resources: [this.bucket.arn],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [accountId] },
            {
              test: 'ArnLike',
              variable: 'aws:SourceArn',
              values: [`arn:aws:logs:${region}:${accountId}:*`],
            },
          ],
        },
      ],
    });
    // After the public access block: a policy put first could race it.
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: document.json,
      dependsOn: [publicAccess],
    });
  }

  get bucketName(): string {
    return this.bucket.bucket;
  }

  get ready(): ITerraformDependable {
    return this.policy;
  }
}
