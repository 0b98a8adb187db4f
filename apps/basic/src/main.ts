import { join } from 'node:path';
import { loadConfig } from '@apigw-private/constructs/config/load';
import { runApp } from '@apigw-private/constructs/app/synth';
import { resolveMode } from '@apigw-private/constructs/providers/mode';
import { basicConfigSchema } from './config';
import { BasicStack } from './stack';

runApp((app) => {
  // Config is validated before any construct is built.
  const config = loadConfig({
    app: 'basic',
    schema: basicConfigSchema,
    file: join(__dirname, '..', 'config.local.json'),
  });
  const mode = resolveMode();
  // Stack IDs are part of the contract: they name state files and cdktf.out/stacks/<id>.
  new BasicStack(app, 'basic', {
    config,
    mode,
    privateDns: true,
    manageApiGatewayAccount: config.manageApiGatewayAccount,
  });
  // Same architecture with private DNS off, for VPCs that must still reach public APIs.
  // The first stack owns the account-wide API Gateway logging role.
  new BasicStack(app, 'basic-private-dns-off', {
    config,
    mode,
    privateDns: false,
    manageApiGatewayAccount: false,
  });
});
