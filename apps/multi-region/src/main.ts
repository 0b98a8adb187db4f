import { join } from 'node:path';
import { runApp } from '@apigw-private/constructs/app/synth';
import { loadConfig } from '@apigw-private/constructs/config/load';
import { resolveMode } from '@apigw-private/constructs/providers/mode';
import { multiRegionConfigSchema } from './config';
import { MultiRegionStack } from './stack';

runApp((app) => {
  // Config is validated before any construct is built.
  const config = loadConfig({
    app: 'multi-region',
    schema: multiRegionConfigSchema,
    file: join(__dirname, '..', 'config.local.json'),
  });
  const mode = resolveMode();
  // Stack IDs are part of the contract (state keys, cdktf.out/stacks/<id>, DNS names).
  for (const variant of config.stacks)
    new MultiRegionStack(app, variant, { config, mode, variant });
});
