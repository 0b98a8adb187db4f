import { runReferenceApp } from '@apigw-private/constructs/spine/reference-app';
import { accountSettingsConfigSchema } from './config';
import { AccountSettingsStack } from './stack';

runReferenceApp({
  app: 'account-settings',
  dir: __dirname,
  schema: accountSettingsConfigSchema,
  // One stack per account and Region: the one owner of its API Gateway settings.
  stacks: ({ app, config, mode }) => {
    for (const target of config.targets) {
      new AccountSettingsStack(app, { target, mode, backend: config.backend });
    }
  },
});
