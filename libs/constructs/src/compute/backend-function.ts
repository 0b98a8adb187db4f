import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { Construct } from 'constructs';
import { Problems } from '../errors';
import type { LogsKey } from '../logging/log-group';
import { checkFunctionName, nodeFunction } from '../lambda/node-function';

export interface BackendFunctionProps {
  /** Function name. */
  readonly name: string;
  /** Days to keep the function's logs. */
  readonly logRetentionDays: number;
  /**
   * Key for the function's log group.
   * @default - service-managed encryption
   */
  readonly logsKey?: LogsKey;
}

/**
 * A small Lambda backend (libs/constructs/assets/echo-backend) that answers with the API, stage
 * and account it was called through: logs with retention, X-Ray, a role that may write only its
 * own logs and traces. Who may invoke it is granted separately (LambdaProxyIntegration).
 */
export class BackendFunction extends Construct {
  readonly function: LambdaFunction;

  constructor(scope: Construct, id: string, props: BackendFunctionProps) {
    super(scope, id);
    checkFunctionName(new Problems(`BackendFunction ${this.node.path}`), props.name).throwIfAny();
    this.function = nodeFunction(this, 'resource', {
      name: props.name,
      asset: 'echo-backend',
      description: 'Reference backend: echoes the API, stage and account of each request',
      logRetentionDays: props.logRetentionDays,
      logsKey: props.logsKey,
      timeoutSeconds: 10,
    }).function;
  }
}
