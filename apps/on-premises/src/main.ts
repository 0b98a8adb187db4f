import { join } from 'node:path';
import { runApp } from '@apigw-private/constructs/app/synth';
import { loadConfig } from '@apigw-private/constructs/config/load';
import { resolveMode } from '@apigw-private/constructs/providers/mode';
import { onPremisesConfigSchema } from './config';
import { OnPremisesStack } from './stack';

runApp((app) => {
  // Config is validated before any construct is built.
  const config = loadConfig({
    app: 'on-premises',
    schema: onPremisesConfigSchema,
    file: join(__dirname, '..', 'config.local.json'),
  });
  const mode = resolveMode();
  // One stack per connectivity option; the stack ID is the option's name (state key, cdktf.out
  // folder). Only the first stack owns the account-wide API Gateway logging role.
  config.stacks.forEach((option, index) => {
    new OnPremisesStack(app, option, {
      config,
      mode,
      option,
      manageApiGatewayAccount: config.manageApiGatewayAccount && index === 0,
    });
  });
});
