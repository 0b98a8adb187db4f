import { runReferenceApp } from '@apigw-private/constructs/spine/reference-app';
import { VARIANTS, ecsPrivateConfigSchema } from './config';
import { VARIANT_STACKS } from './stack';

runReferenceApp({
  app: 'ecs-private',
  dir: __dirname,
  schema: ecsPrivateConfigSchema,
  stacks: ({ app, config, mode }) => {
    const enabled = VARIANTS.filter((variant) => config.variants[variant].enabled);
    enabled.forEach((variant, index) => {
      // The first enabled variant owns the account's ECR pull-through rule; a config switch
      // turns it off when another app owns it.
      new VARIANT_STACKS[variant](app, { config, mode, ownsAccountSingletons: index === 0 });
    });
  },
});
