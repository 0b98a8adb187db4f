import { runReferenceApp } from '@apigw-private/constructs/spine/reference-app';
import { multiRegionConfigSchema } from './config';
import { MultiRegionStack } from './stack';

runReferenceApp({
  app: 'multi-region',
  dir: __dirname,
  schema: multiRegionConfigSchema,
  // Stack IDs are part of the contract (state keys, cdktf.out/stacks/<id>, DNS names).
  stacks: ({ app, config, mode }) => {
    for (const variant of config.stacks)
      new MultiRegionStack(app, variant, { config, mode, variant });
  },
});
