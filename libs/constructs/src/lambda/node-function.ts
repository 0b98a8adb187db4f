import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { LambdaFunction, LambdaFunctionVpcConfig } from '@cdktf/provider-aws/lib/lambda-function';
import { AssetType, TerraformAsset } from 'cdktf';
import type { Construct } from 'constructs';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assetPath } from '../assets';
import type { Problems } from '../errors';
import { ServiceRole } from '../iam/service-role';
import { LogGroup, LogsKey } from '../logging/log-group';
import { base64Sha256, deterministicZip } from './zip';

/** A Lambda package built from a folder of libs/constructs/assets. */
export interface LambdaPackage {
  /** Path Terraform reads the zip from (the TerraformAsset's path in the stack folder). */
  readonly filename: string;
  /** base64 SHA-256 of the zip, for `source_code_hash`. */
  readonly sourceCodeHash: string;
}

/**
 * Zips the files of `libs/constructs/assets/<folder>` deterministically (same code, same bytes,
 * same hash) and registers the zip as a Terraform asset of `scope`.
 */
export function lambdaPackage(scope: Construct, id: string, folder: string): LambdaPackage {
  const dir = assetPath(folder);
  const entries = readdirSync(dir)
    .sort()
    .map((name) => ({ name, content: readFileSync(join(dir, name)) }));
  const zip = deterministicZip(entries);
  const hash = base64Sha256(zip);
  const outDir = join(tmpdir(), 'apigw-private-reference');
  const file = join(outDir, `${folder}-${hash.replace(/[^A-Za-z0-9]/g, '').slice(0, 16)}.zip`);
  if (!existsSync(file)) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(file, zip);
  }
  const asset = new TerraformAsset(scope, id, { path: file, type: AssetType.FILE });
  return { filename: asset.path, sourceCodeHash: hash };
}

/**
 * Adds an `InvalidName` problem at `props.name` unless `name` is a Lambda function name: 1-64
 * characters of letters, digits, hyphens and underscores.
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html#lambda-CreateFunction-request-FunctionName
 */
export function checkFunctionName(problems: Problems, name: string): Problems {
  return problems.check(
    /^[A-Za-z0-9_-]{1,64}$/.test(name),
    'InvalidName',
    'props.name',
    name,
    'must be 1-64 characters of [A-Za-z0-9_-]',
  );
}

export interface NodeFunctionSpec {
  /** Function name; also names its log group and role. */
  readonly name: string;
  /** Folder of libs/constructs/assets holding the code (an `index.mjs` exporting `handler`). */
  readonly asset: string;
  readonly description: string;
  readonly logRetentionDays: number;
  /**
   * Key for the log group.
   * @default - service-managed encryption
   */
  readonly logsKey?: LogsKey;
  /**
   * Permissions beyond writing its own logs and traces, keyed by statement ID.
   * @default - none
   */
  readonly statements?: Record<string, Omit<DataAwsIamPolicyDocumentStatement, 'sid'>>;
  readonly timeoutSeconds: number;
  /**
   * @default 128
   */
  readonly memorySize?: number;
  /**
   * @default - no environment variables
   */
  readonly environment?: Record<string, string>;
  /**
   * @default - not attached to a VPC
   */
  readonly vpcConfig?: LambdaFunctionVpcConfig;
}

/**
 * A Node.js 22 function on arm64 the way every function of this library is built: code packed
 * deterministically from the assets, a log group with retention (JSON logs), a role that may
 * write only its own logs and traces plus the statements given, X-Ray active. Creates `logs`,
 * `role` and `code` in `scope`, and the function itself as `id`.
 */
export function nodeFunction(
  scope: Construct,
  id: string,
  spec: NodeFunctionSpec,
): { function: LambdaFunction; logs: LogGroup; role: ServiceRole } {
  const logs = new LogGroup(scope, 'logs', {
    name: `/aws/lambda/${spec.name}`,
    retentionDays: spec.logRetentionDays,
    kmsKey: spec.logsKey,
  });
  const role = new ServiceRole(scope, 'role', {
    service: 'lambda.amazonaws.com',
    namePrefix: `${spec.name}-`.slice(0, 38),
    statements: {
      WriteOwnLogs: {
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${logs.arn}:*`],
      },
      ...spec.statements,
      WriteTraces: {
        actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
        resources: ['*'],
      },
    },
  });
  const code = lambdaPackage(scope, 'code', spec.asset);
  const fn = new LambdaFunction(scope, id, {
    functionName: spec.name,
    description: spec.description,
    role: role.arn,
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    filename: code.filename,
    sourceCodeHash: code.sourceCodeHash,
    timeout: spec.timeoutSeconds,
    memorySize: spec.memorySize ?? 128,
    architectures: ['arm64'],
    vpcConfig: spec.vpcConfig,
    tracingConfig: { mode: 'Active' },
    loggingConfig: { logFormat: 'JSON', logGroup: logs.name },
    environment: spec.environment ? { variables: spec.environment } : undefined,
    dependsOn: [logs.resource],
  });
  return { function: fn, logs, role };
}
