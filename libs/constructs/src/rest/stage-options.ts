import type { LogsKey } from '../logging/log-group';

/** The stage of a REST API: name, access logs, execution logging, tracing and throttling. */
export interface StageOptions {
  /**
   * Stage name; part of every invoke URL.
   * @default 'v1'
   */
  readonly name?: string;
  /** Days to keep access logs. */
  readonly accessLogRetentionDays: number;
  /**
   * Key that encrypts the access log group.
   * @default - service-managed encryption
   */
  readonly logsKey?: LogsKey;
  /**
   * Execution logging level of every method.
   * @default 'INFO'
   */
  readonly loggingLevel?: 'ERROR' | 'INFO';
  /**
   * X-Ray tracing of requests through the stage.
   * @default true
   */
  readonly tracing?: boolean;
  /** Steady-state requests per second across the stage. */
  readonly throttleRateLimit: number;
  /** Burst of requests the stage absorbs above the rate. */
  readonly throttleBurstLimit: number;
}

/** JSON access log line with the fields an operator needs, including the calling endpoint. */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  status: '$context.status',
  responseLatency: '$context.responseLatency',
  sourceIp: '$context.identity.sourceIp',
  vpceId: '$context.identity.vpceId',
  caller: '$context.identity.caller',
  userArn: '$context.identity.userArn',
  errorMessage: '$context.error.message',
  integrationError: '$context.integration.error',
});
