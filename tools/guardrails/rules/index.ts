import type { Rule } from '../engine/rule';
import { albListenerHttps } from './alb-listener-https';
import { backendS3Settings } from './backend-s3-settings';
import { backendUniqueKeys } from './backend-unique-keys';
import { customDomainTls } from './custom-domain-tls';
import { ecsContainerInsights } from './ecs-container-insights';
import { ecsLogging } from './ecs-logging';
import { ecsNoPublicIp } from './ecs-no-public-ip';
import { ecsNoSecretsInEnvironment } from './ecs-no-secrets-in-environment';
import { ecsNotPrivileged } from './ecs-not-privileged';
import { ecsReadOnlyRoot } from './ecs-read-only-root';
import { endpointServiceAcceptance } from './endpoint-service-acceptance';
import { httpRouteAuthorization } from './http-route-authorization';
import { iamAdminEquivalent } from './iam-admin-equivalent';
import { iamServiceTrustSource } from './iam-service-trust-source';
import { iamTrustOpen } from './iam-trust-open';
import { iamWildcardActions } from './iam-wildcard-actions';
import { iamWildcardResources } from './iam-wildcard-resources';
import { lambdaPermissionSource } from './lambda-permission-source';
import { netNoIgwRoute } from './net-no-igw-route';
import { netNoPublicIp } from './net-no-public-ip';
import { s3Encryption } from './s3-encryption';
import { s3NoPublicGrants } from './s3-no-public-grants';
import { s3PublicAccessBlock } from './s3-public-access-block';
import { s3TlsOnly } from './s3-tls-only';
import { lbAccessLogs } from './lb-access-logs';
import { lbDeletionProtection } from './lb-deletion-protection';
import { lbInternal } from './lb-internal';
import { lbListenerTls } from './lb-listener-tls';
import { logGroupKms } from './log-group-kms';
import { logGroupRetention } from './log-group-retention';
import { nlbCrossZone } from './nlb-cross-zone';
import { resourcePolicyNoOutsiders } from './resource-policy-no-outsiders';
import { restApiDenyOtherSources } from './rest-api-deny-other-sources';
import { restApiExposureDeclared } from './rest-api-exposure-declared';
import { restApiNoOpenAllow } from './rest-api-no-open-allow';
import { restApiPrivateEndpoint } from './rest-api-private-endpoint';
import { restApiResourcePolicy } from './rest-api-resource-policy';
import { restMethodAuthorization } from './rest-method-authorization';
import { route53PrivateHealthChecks } from './route53-private-health-checks';
import { sgDescriptions } from './sg-descriptions';
import { sgNoOpenIngress } from './sg-no-open-ingress';
import { stageAccessLogging } from './stage-access-logging';
import { stageCacheEncrypted } from './stage-cache-encrypted';
import { stageDataTraceOff } from './stage-data-trace-off';
import { stageLoggingMetrics } from './stage-logging-metrics';
import { stageThrottling } from './stage-throttling';
import { stageXrayTracing } from './stage-xray-tracing';
import { suppressionKnownRule } from './suppression-known-rule';
import { suppressionReason } from './suppression-reason';
import { targetGroupHealthCheck } from './target-group-health-check';
import { transitGatewayAutoAccept } from './transit-gateway-auto-accept';
import { vpcDefaultSecurityGroup } from './vpc-default-security-group';
import { vpcFlowLogs } from './vpc-flow-logs';
import { vpceEndpointPolicy } from './vpce-policy';
import { vpceInterfaceType } from './vpce-interface-type';
import { vpceSecurityGroups } from './vpce-security-groups';
import { vpceVpcDns } from './vpce-vpc-dns';

/** Every rule, in the order reports and docs list them. */
export const ALL_RULES: readonly Rule[] = [
  restApiPrivateEndpoint,
  restApiResourcePolicy,
  restApiNoOpenAllow,
  restApiDenyOtherSources,
  restApiExposureDeclared,
  vpceInterfaceType,
  vpceSecurityGroups,
  vpceEndpointPolicy,
  vpceVpcDns,
  stageAccessLogging,
  stageXrayTracing,
  stageLoggingMetrics,
  stageDataTraceOff,
  stageThrottling,
  stageCacheEncrypted,
  restMethodAuthorization,
  httpRouteAuthorization,
  customDomainTls,
  lbInternal,
  lbDeletionProtection,
  lbAccessLogs,
  nlbCrossZone,
  lbListenerTls,
  albListenerHttps,
  targetGroupHealthCheck,
  sgNoOpenIngress,
  sgDescriptions,
  netNoPublicIp,
  netNoIgwRoute,
  ecsNoPublicIp,
  ecsNotPrivileged,
  ecsReadOnlyRoot,
  ecsLogging,
  ecsNoSecretsInEnvironment,
  ecsContainerInsights,
  iamWildcardActions,
  iamWildcardResources,
  iamAdminEquivalent,
  iamTrustOpen,
  iamServiceTrustSource,
  lambdaPermissionSource,
  resourcePolicyNoOutsiders,
  s3Encryption,
  s3PublicAccessBlock,
  s3TlsOnly,
  s3NoPublicGrants,
  logGroupRetention,
  logGroupKms,
  vpcFlowLogs,
  vpcDefaultSecurityGroup,
  endpointServiceAcceptance,
  transitGatewayAutoAccept,
  route53PrivateHealthChecks,
  backendS3Settings,
  backendUniqueKeys,
  suppressionReason,
  suppressionKnownRule,
];
