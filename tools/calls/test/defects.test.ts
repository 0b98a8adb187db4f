// Regression tests for the defects of issue 12 that the verifier exists to catch (1, 2 and 4),
// each put back into a copy of today's real synthesized stack: the documented call must fail at
// the step where the deployed stack failed.
import type { CallDeclaration } from '@apigw-private/constructs/calls/declaration';
import { expectRefusedAt } from './fixture';
import { blockAt, broken, cleanUp, nameOf, removeAll, synthesize, verifyOne } from './real-stacks';

let root: string;

beforeAll(async () => {
  root = await synthesize(['on-premises', 'cross-account']);
}, 120_000);

afterAll(cleanUp);

const CUSTOM_DOMAIN: CallDeclaration = {
  name: 'custom-domain',
  stack: 'vpn-vgw-static',
  description: 'On-premises host, private custom domain',
  from: { cidr: '192.168.0.10/32', label: 'on-premises host' },
  dns: { kind: 'custom-domain', name: 'api.onprem.example.internal' },
  method: 'GET',
  path: '/hello',
  signed: true,
  expect: { backend: 'api/integration-hello-GET' },
};

const PRIVATELINK = (path: string, backend: string): CallDeclaration => ({
  name: 'privatelink',
  stack: 'privatelink',
  description: 'Central Lambda client through PrivateLink',
  from: { client: 'lambda-client' },
  dns: { kind: 'private-dns' },
  method: 'GET',
  path,
  signed: true,
  expect: { backend },
});

const SESSION_MANAGER: CallDeclaration = {
  name: 'session-manager',
  stack: 'privatelink',
  description: 'The Auto Scaling instances reach ssm',
  from: { client: 'account-serviceB/app' },
  dns: { kind: 'aws-service', service: 'ssm' },
  method: 'POST',
  path: '/',
  signed: true,
  expect: { backend: 'account-serviceB' },
};

describe('the defects of issue 12, put back into real stacks', () => {
  it('today: the custom domain, /ecs/, /asg/ and Session Manager calls all succeed', async () => {
    const onPrem = await verifyOne(`${root}/on-premises`, 'on-premises', CUSTOM_DOMAIN);
    expect(onPrem.summary).toMatch(/^answered by /);
    for (const call of [
      PRIVATELINK('/ecs/', 'account-serviceA/app'),
      PRIVATELINK('/asg/', 'account-serviceB/app'),
      SESSION_MANAGER,
    ]) {
      const result = await verifyOne(`${root}/cross-account`, 'cross-account', call);
      expect(result.summary).toMatch(/^answered by /);
    }
  });

  it('1: an endpoint policy without the custom domain name refuses calls through the name', async () => {
    let expected = '';
    const dir = broken(`${root}/on-premises`, 'vpn-vgw-static', (json) => {
      const document = blockAt(json, 'data.aws_iam_policy_document', 'execute-api/policy');
      const statement = (document.statement as { resources: string[] }[])[0];
      statement.resources = statement.resources.filter((r) => !r.includes('/domainnames/'));
      expected = `aws_vpc_endpoint_policy.${nameOf(json, 'aws_vpc_endpoint_policy', 'execute-api/endpoint-policy')}`;
    });
    const result = await verifyOne(dir, 'on-premises', CUSTOM_DOMAIN);
    expectRefusedAt(result, 'endpoint-policy', expected);
  });

  it('2: without methods on /ecs and /asg, the greedy children never answer /ecs/ or /asg/', async () => {
    for (const [prefix, backend] of [
      ['ecs', 'account-serviceA/app'],
      ['asg', 'account-serviceB/app'],
    ]) {
      let expected = '';
      const dir = broken(`${root}/cross-account`, 'privatelink', (json) => {
        removeAll(json, 'aws_api_gateway_method', `private-api/method-${prefix}-ANY`);
        removeAll(json, 'aws_api_gateway_integration', `private-api/integration-${prefix}-ANY`);
        expected = `aws_api_gateway_resource.${nameOf(json, 'aws_api_gateway_resource', `private-api/res-${prefix}`)}`;
      });
      const result = await verifyOne(dir, 'cross-account', PRIVATELINK(`/${prefix}/`, backend));
      expectRefusedAt(result, 'method', expected);
    }
  });

  it('4: without the Session Manager endpoints, the instances have no way to ssm', async () => {
    let expected = '';
    const dir = broken(`${root}/cross-account`, 'privatelink', (json) => {
      for (const service of ['ssm', 'ssmmessages', 'ec2messages'])
        removeAll(json, 'aws_vpc_endpoint', `account-serviceB/${service}-endpoint/`);
      expected = `aws_route_table.${nameOf(json, 'aws_route_table', 'account-serviceB/network/rt-us-east-1a')}`;
    });
    const result = await verifyOne(dir, 'cross-account', SESSION_MANAGER);
    expectRefusedAt(result, 'network', expected);
  });
});
