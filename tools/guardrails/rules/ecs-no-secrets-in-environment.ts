import { isObject } from '@apigw-private/tools/tfjson';
import type { PlanRule } from '../engine/rule';
import { checkContainers } from '../support/ecs';

/** Name parts that mark a secret (`DB_PASSWORD`, `apiToken`, `SECRET_KEY`). */
const SECRET_WORDS = new Set([
  'PASSWORD',
  'PASSWD',
  'PWD',
  'SECRET',
  'TOKEN',
  'KEY',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'PRIVATEKEY',
]);
/** Name parts that mark a reference to a secret rather than the secret itself. */
const REFERENCE_WORDS = new Set(['ARN', 'ID', 'NAME', 'PATH', 'FILE', 'URL', 'URI', 'REF']);

function words(name: string): readonly string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toUpperCase());
}

/** True when the name looks like it holds a secret and the value is a literal, not a reference. */
export function looksLikeSecret(name: string, value: string): boolean {
  const parts = words(name);
  if (!parts.some((w) => SECRET_WORDS.has(w))) return false;
  if (REFERENCE_WORDS.has(parts[parts.length - 1])) return false;
  if (value.trim() === '' || /^arn:aws[a-z-]*:/.test(value)) return false;
  return true;
}

export const ecsNoSecretsInEnvironment: PlanRule = {
  scope: 'plan',
  id: 'ECS-005',
  description:
    'ECS container environment variables hold no literal secrets (names like PASSWORD, SECRET, TOKEN, KEY).',
  reason:
    'Environment values are stored in clear in the task definition and shown to anyone who can describe it; secrets belong in Secrets Manager or SSM Parameter Store, passed through `secrets`.',
  level: 'error',
  anchors: ['cdk-nag AwsSolutions-ECS2', 'AWS FSBP ECS.8', 'trivy AVD-AWS-0036'],
  resourceTypes: ['aws_ecs_task_definition'],
  check(plan) {
    return checkContainers(plan, 'the environment', (task, container, name) => {
      const environment = Array.isArray(container.environment) ? container.environment : [];
      const offending = environment
        .filter(isObject)
        .filter(
          (e) =>
            typeof e.name === 'string' &&
            typeof e.value === 'string' &&
            looksLikeSecret(e.name, e.value),
        )
        .map((e) => String(e.name));
      if (offending.length === 0) return undefined;
      return {
        address: task.address,
        message: `Task definition ${task.address}: container ${name} has environment ${offending.join(', ')} with literal values; secrets must not be in environment.`,
        fix: 'Move them to secrets = [{ name = "<NAME>", valueFrom = <Secrets Manager or SSM parameter ARN> }].',
      };
    });
  },
};
