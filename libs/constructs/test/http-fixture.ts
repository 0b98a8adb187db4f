import { CloudMapService, PrivateDnsNamespace } from '../src/discovery/cloud-map';
import { HttpApi } from '../src/http/http-api';
import { IntegrationTarget, PrivateIntegrationProps } from '../src/http/private-integration';
import { VpcLinkV2 } from '../src/http/vpc-link';
import { AccessLogsBucket } from '../src/load-balancing/access-logs-bucket';
import { InternalAlb } from '../src/load-balancing/internal-alb';
import { testNetwork, testStack } from './helpers';

/** An HTTP API, a VPC link v2 and an internal ALB listener in one test stack. */
export function fixture() {
  const stack = testStack();
  const network = testNetwork(stack);
  const logs = new AccessLogsBucket(stack, 'logs', { expirationDays: 30 });
  const alb = new InternalAlb(stack, 'alb', { name: 'orders-alb', network, accessLogs: logs });
  const listener = alb.addListener('http', {
    port: 80,
    protocol: 'HTTP',
    targetGroup: alb.addTargetGroup('app', { port: 8080 }),
  });
  const link = new VpcLinkV2(stack, 'link', { name: 'orders', network });
  const api = new HttpApi(stack, 'api', {
    name: 'orders',
    stage: {
      name: 'v1',
      accessLogRetentionDays: 30,
      throttleRateLimit: 100,
      throttleBurstLimit: 50,
    },
  });
  return { stack, network, logs, alb, listener, link, api };
}

export type Fixture = ReturnType<typeof fixture>;

export function albIntegration(f: Fixture, extra: Partial<PrivateIntegrationProps> = {}) {
  return f.api.addPrivateIntegration('alb', {
    vpcLink: f.link,
    target: IntegrationTarget.albListener(f.alb, f.listener),
    ...extra,
  });
}

export function cloudMap(f: Fixture, dnsRecordType?: string) {
  const namespace = new PrivateDnsNamespace(f.stack, 'ns', {
    name: 'orders.internal',
    vpcId: f.network.vpc.id,
  });
  return new CloudMapService(f.stack, 'svc', { namespace, name: 'api', dnsRecordType });
}
