import { runReferenceApp } from '@apigw-private/constructs/spine/reference-app';
import { onPremisesConfigSchema } from './config';
import { OnPremisesStack } from './stack';

runReferenceApp({
  app: 'on-premises',
  dir: __dirname,
  schema: onPremisesConfigSchema,
  stacks: ({ app, config, mode }) => {
    // One stack per connectivity option; the stack ID is the option's name (state key, cdktf.out
    // folder).
    for (const option of config.stacks) new OnPremisesStack(app, option, { config, mode, option });
  },
});
