import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { Construct } from 'constructs';
import { Problems } from '../errors';
import { ServiceRole } from '../iam/service-role';
import { LogGroup, LogsKey } from '../logging/log-group';
import { lambdaPackage } from './lambda-asset';

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
    new Problems(`BackendFunction ${this.node.path}`)
      .check(
        /^[A-Za-z0-9_-]{1,64}$/.test(props.name),
        'InvalidName',
        'props.name',
        props.name,
        'must be 1-64 characters of [A-Za-z0-9_-]',
      )
      .throwIfAny();
    const logs = new LogGroup(this, 'logs', {
      name: `/aws/lambda/${props.name}`,
      retentionDays: props.logRetentionDays,
      kmsKey: props.logsKey,
    });
    const role = new ServiceRole(this, 'role', {
      service: 'lambda.amazonaws.com',
      namePrefix: `${props.name}-`.slice(0, 38),
      statements: {
        WriteOwnLogs: {
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`${logs.arn}:*`],
        },
        WriteTraces: {
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          resources: ['*'],
        },
      },
    });
    const code = lambdaPackage(this, 'code', 'echo-backend');
    this.function = new LambdaFunction(this, 'resource', {
      functionName: props.name,
      description: 'Reference backend: echoes the API, stage and account of each request',
      role: role.arn,
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      filename: code.filename,
      sourceCodeHash: code.sourceCodeHash,
      timeout: 10,
      memorySize: 128,
      architectures: ['arm64'],
      tracingConfig: { mode: 'Active' },
      loggingConfig: { logFormat: 'JSON', logGroup: logs.name },
      dependsOn: [logs.resource],
    });
  }
}
