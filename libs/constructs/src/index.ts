// The construct library. Apps may import from here or, to load less, from a subpath such as
// '@apigw-private/constructs/rest/private-rest-api'.
export * from './errors';
export * from './config/cidr';
export * from './config/schema';
export * from './config/load';
export * from './providers/mode';
export * from './providers/aws';
export * from './app/reference-stack';
export * from './app/account-scope';
export * from './app/synth';
export * from './logging/log-group';
export * from './iam/service-role';
export * from './network/network';
export * from './network/security-group';
export * from './endpoints/interface-endpoint';
export * from './endpoints/execute-api-endpoint';
export * from './rest/resource-policy';
export * from './rest/account-logging';
export * from './rest/private-rest-api';
export * from './compute/zip';
export * from './compute/lambda-client';
export * from './compute/ec2-client';
export * from './rest/regional-custom-domain';
export * from './dns/routing-records';
