import { join } from 'node:path';
import { loadConfig } from '@apigw-private/constructs/config/load';
import { runApp } from '@apigw-private/constructs/app/synth';
import { resolveMode } from '@apigw-private/constructs/providers/mode';
import { STACK_IDS, VARIANTS, ecsPrivateConfigSchema } from './config';
import { EcsPrivateStack } from './stack';

runApp((app) => {
  // Config is validated before any construct is built.
  const config = loadConfig({
    app: 'ecs-private',
    schema: ecsPrivateConfigSchema,
    file: join(__dirname, '..', 'config.local.json'),
  });
  const mode = resolveMode();
  const enabled = VARIANTS.filter((variant) => config.variants[variant].enabled);
  enabled.forEach((variant, index) => {
    // The first enabled variant owns the account-wide singletons (API Gateway logging role, ECR
    // pull-through rule); config switches turn each off when another app owns it.
    new EcsPrivateStack(app, STACK_IDS[variant], {
      config,
      mode,
      variant,
      ownsAccountSingletons: index === 0,
    });
  });
});
