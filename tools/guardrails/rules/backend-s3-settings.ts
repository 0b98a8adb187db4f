import type { PlanRule, Violation } from '../engine/rule';
import { BACKEND_ADDRESS, backendOf, isOn } from '../support/backend';

export const backendS3Settings: PlanRule = {
  scope: 'plan',
  id: 'BACKEND-001',
  description:
    'A stack with an S3 backend encrypts its state and locks it with a lock file (a local backend passes).',
  reason:
    'State holds every resource attribute, secrets included; without encryption it sits in clear in S3, and without locking two applies can corrupt it.',
  level: 'error',
  anchors: ['Terraform docs: S3 backend encrypt and use_lockfile'],
  resourceTypes: ['cdk.tf.json terraform.backend'],
  check(plan) {
    const backend = backendOf(plan);
    if (!backend || backend.type !== 's3') return [];
    const problems: string[] = [];
    if (!isOn(backend.config.encrypt))
      problems.push(
        `encrypt ${backend.config.encrypt === undefined ? 'not set' : JSON.stringify(backend.config.encrypt)}`,
      );
    if (!isOn(backend.config.use_lockfile)) {
      problems.push(
        `use_lockfile ${backend.config.use_lockfile === undefined ? 'not set' : JSON.stringify(backend.config.use_lockfile)}`,
      );
    }
    if (typeof backend.config.key !== 'string' || backend.config.key === '')
      problems.push('no key');
    if (problems.length === 0) return [];
    const violation: Violation = {
      address: `${BACKEND_ADDRESS}.s3`,
      message: `The S3 backend of stack ${plan.source.stack} (${plan.source.cdktfFile ?? 'cdk.tf.json'}) has ${problems.join(', ')}; encrypt and use_lockfile must be true and key set.`,
      fix: 'Configure the backend with encrypt = true, use_lockfile = true and a key unique to the stack (e.g. <app>/<stack>/terraform.tfstate).',
    };
    return [violation];
  },
};
