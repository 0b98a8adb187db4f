import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * `offline`: plan without an AWS account (dummy keys, skip flags, no assume_role, local state).
 * `deploy`: the normal credential chain, assume_role per account, the configured backend.
 */
export type Mode = 'offline' | 'deploy';

/** Forces the mode either way: `APIGW_MODE=offline` or `APIGW_MODE=deploy`. */
export const MODE_ENV = 'APIGW_MODE';

const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
];

/** True when the environment or the shared files hold AWS credentials. */
export function hasAwsCredentials(env: NodeJS.ProcessEnv = process.env): boolean {
  if (CREDENTIAL_VARIABLES.some((name) => env[name])) return true;
  const awsDir = join(env.HOME ?? homedir(), '.aws');
  return existsSync(join(awsDir, 'credentials')) || existsSync(join(awsDir, 'config'));
}

/**
 * The mode this process runs in: `APIGW_MODE` when set; otherwise offline in tests and CI and
 * whenever no AWS credentials are present; deploy otherwise.
 */
export function resolveMode(env: NodeJS.ProcessEnv = process.env): Mode {
  const forced = env[MODE_ENV];
  if (forced !== undefined && forced !== '') {
    if (forced !== 'offline' && forced !== 'deploy') {
      throw new Error(
        `InvalidMode: ${MODE_ENV} must be "offline" or "deploy", got ${JSON.stringify(forced)}`,
      );
    }
    return forced;
  }
  if (env.JEST_WORKER_ID || env.CI) return 'offline';
  return hasAwsCredentials(env) ? 'deploy' : 'offline';
}
