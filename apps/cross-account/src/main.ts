import { join } from 'node:path';
import { runApp } from '@apigw-private/constructs/app/synth';
import { loadConfig } from '@apigw-private/constructs/config/load';
import { resolveMode } from '@apigw-private/constructs/providers/mode';
import { crossAccountConfigSchema, STACKS } from './config';
import { CrossAccountEndpointStack } from './cross-account-endpoint';
import { CrossAccountLambdaStack } from './cross-account-lambda';
import { FrontDoorStack } from './front-door';
import { PrivateLinkStack } from './privatelink';

runApp((app) => {
  // Config is validated (accounts, Regions, CIDR overlaps, authorizer) before any construct is built.
  const config = loadConfig({
    app: 'cross-account',
    schema: crossAccountConfigSchema,
    file: join(__dirname, '..', 'config.local.json'),
  });
  const props = { config, mode: resolveMode() };
  // One stack per variant; each holds every account it touches, through aliased providers.
  new FrontDoorStack(app, STACKS.frontDoorTgw, {
    ...props,
    frontDoor: 'rest',
    connectivity: 'transit-gateway',
  });
  new FrontDoorStack(app, STACKS.frontDoorPeering, {
    ...props,
    frontDoor: 'rest',
    connectivity: 'vpc-peering',
  });
  new FrontDoorStack(app, STACKS.frontDoorHttp, {
    ...props,
    frontDoor: 'http',
    connectivity: config.frontDoor.connectivity,
  });
  new CrossAccountEndpointStack(app, props);
  new PrivateLinkStack(app, props);
  new CrossAccountLambdaStack(app, props);
});
