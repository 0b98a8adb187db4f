import { runReferenceApp } from '@apigw-private/constructs/spine/reference-app';
import { crossAccountConfigSchema, STACKS } from './config';
import { CrossAccountEndpointStack } from './cross-account-endpoint';
import { CrossAccountLambdaStack } from './cross-account-lambda';
import { FrontDoorStack } from './front-door';
import { PrivateLinkStack } from './privatelink';

runReferenceApp({
  app: 'cross-account',
  dir: __dirname,
  schema: crossAccountConfigSchema,
  // One stack per variant; each holds every account it touches, through aliased providers.
  stacks: ({ app, config, mode }) => {
    const props = { config, mode };
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
  },
});
