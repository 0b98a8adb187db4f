import { App, Testing } from 'cdktf';
import { ReferenceStack } from '../src/app/reference-stack';
import { Network } from '../src/network/network';
import type { Mode } from '../src/providers/mode';

/** A ReferenceStack in a test app, offline unless told otherwise. */
export function testStack(mode: Mode = 'offline', app: App = Testing.app()): ReferenceStack {
  return new ReferenceStack(app, 'test', {
    app: 'test',
    mode,
    target: { accountId: '111111111111', region: 'us-east-1' },
  });
}

export function testNetwork(stack: ReferenceStack, id = 'network'): Network {
  return new Network(stack, id, {
    name: id,
    cidr: '10.0.0.0/16',
    azs: ['us-east-1a', 'us-east-1b'],
    flowLogs: { retentionDays: 30 },
  });
}

/** The synthesized stack as an object. */
export function synthObject(
  stack: ReferenceStack,
  runValidations = false,
): {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data: Record<string, Record<string, Record<string, unknown>>>;
  provider: Record<string, Record<string, unknown>[]>;
  terraform: Record<string, unknown>;
  output?: Record<string, unknown>;
} {
  return JSON.parse(Testing.synth(stack, runValidations));
}

export { validationErrorOf } from '../src/errors';
