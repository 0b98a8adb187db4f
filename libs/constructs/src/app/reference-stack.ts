import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Annotations, LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { BackendConfig } from '../config/schema';
import { AccountTarget, createAwsProvider } from '../providers/aws';
import type { Mode } from '../providers/mode';

export const PROJECT_TAG = 'apigw-private-reference';

export interface ReferenceStackProps {
  /** App folder name, e.g. `basic`. Used in tags and state keys. */
  readonly app: string;
  readonly mode: Mode;
  /** Account and Region of the stack's default provider. */
  readonly target: AccountTarget;
  /**
   * S3 backend used in deploy mode.
   * @default - local state in the stack's folder (offline mode always uses local state)
   */
  readonly backend?: BackendConfig;
  /**
   * Extra tags for every resource of the stack.
   * @default - only the project, app, stack and managed-by tags
   */
  readonly tags?: Record<string, string>;
}

/** The top-level fields of an app config that deploys into one account and Region. */
export interface SingleTargetConfig {
  readonly accountId: string;
  readonly region: string;
  readonly roleName?: string;
  readonly backend?: BackendConfig;
}

/**
 * The props of a stack of an app that deploys into one account and Region: that target and
 * backend from the app's config (see `singleTargetFields` in config/schema), the mode, and the
 * tags: `Architecture` (the app's name), then `tags`.
 */
export function singleTargetStackProps(
  app: string,
  props: { readonly config: SingleTargetConfig; readonly mode: Mode },
  tags: Record<string, string> = {},
): ReferenceStackProps {
  const { accountId, region, roleName, backend } = props.config;
  return {
    app,
    mode: props.mode,
    target: { accountId, region, roleName },
    backend,
    tags: { Architecture: app, ...tags },
  };
}

/**
 * A stack of a reference app: default provider from the provider factory, layered tags, and the
 * backend for the mode (local state offline; S3 with encryption, S3 native locking and a key
 * unique to the stack in deploy mode).
 */
export class ReferenceStack extends TerraformStack {
  readonly mode: Mode;
  readonly target: AccountTarget;
  readonly provider: AwsProvider;
  readonly tags: Record<string, string>;

  constructor(scope: Construct, id: string, props: ReferenceStackProps) {
    super(scope, id);
    this.mode = props.mode;
    this.target = props.target;
    this.tags = {
      Project: PROJECT_TAG,
      App: props.app,
      Stack: id,
      ManagedBy: 'cdktf',
      ...props.tags,
    };
    this.provider = createAwsProvider(this, 'aws', {
      target: props.target,
      mode: props.mode,
      tags: this.tags,
    });

    if (props.mode === 'deploy' && props.backend) {
      new S3Backend(this, {
        bucket: props.backend.bucket,
        region: props.backend.region,
        key: `${props.backend.keyPrefix}/${props.app}/${id}.tfstate`,
        encrypt: true,
      });
      // S3 native state locking (Terraform 1.10+); the cdktf 0.21 binding has no prop for it yet.
      this.addOverride('terraform.backend.s3.use_lockfile', true);
    } else {
      new LocalBackend(this, { path: 'terraform.tfstate' });
      if (props.mode === 'deploy') {
        Annotations.of(this).addWarning(
          `Stack ${id} deploys with local state; set "backend" in the app config to keep state in S3.`,
        );
      }
    }
  }

  /** A provider for another account or Region in this stack, built by the same factory. */
  addProvider(alias: string, target: AccountTarget): AwsProvider {
    return createAwsProvider(this, `aws-${alias}`, {
      target,
      mode: this.mode,
      tags: this.tags,
      alias,
    });
  }
}
