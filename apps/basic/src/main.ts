import { runReferenceApp } from '@apigw-private/constructs/spine/reference-app';
import { basicConfigSchema } from './config';
import { BasicStack } from './stack';

runReferenceApp({
  app: 'basic',
  dir: __dirname,
  schema: basicConfigSchema,
  stacks: ({ app, config, mode }) => {
    new BasicStack(app, 'basic', { config, mode, privateDns: true });
    // Same architecture with private DNS off, for VPCs that must still reach public APIs.
    new BasicStack(app, 'basic-private-dns-off', { config, mode, privateDns: false });
  },
});
