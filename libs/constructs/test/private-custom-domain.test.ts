import { anonymousPrincipal, runSimulation } from '@cloud-copilot/iam-simulate';
import { PrivateZone } from '../src/dns/private-zone';
import { ExecuteApiEndpoint } from '../src/endpoints/execute-api-endpoint';
import { PrivateCustomDomain, PrivateCustomDomainProps } from '../src/rest/private-custom-domain';
import { PrivateRestApi } from '../src/rest/private-rest-api';
import { ResourcePolicy } from '../src/rest/resource-policy';
import { synthObject, testNetwork, testStack, validationErrorOf } from './helpers';

type Resources = Record<string, Record<string, unknown>>;
const only = (resources: Resources | undefined) => Object.values(resources ?? {});
const API = 'arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5';
const CERTIFICATE =
  'arn:aws:acm:us-east-1:111111111111:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

function fixture(props: Partial<PrivateCustomDomainProps> = {}, withZone = true) {
  const stack = testStack();
  const network = testNetwork(stack);
  const endpoint = new ExecuteApiEndpoint(stack, 'endpoint', {
    network,
    clientCidrs: ['192.168.0.0/20'],
    privateDns: false,
  });
  const api = new PrivateRestApi(stack, 'api', {
    name: 'domain-test',
    endpoints: [endpoint],
    policy: ResourcePolicy.fromEndpoints([endpoint]),
    stage: { accessLogRetentionDays: 30, throttleRateLimit: 10, throttleBurstLimit: 5 },
  });
  api.addMethod('/hello', 'GET', { integration: { type: 'MOCK' } });
  const zone = withZone
    ? new PrivateZone(stack, 'zone', { name: 'onprem.example.internal', vpcs: [network] })
    : undefined;
  const domain = new PrivateCustomDomain(stack, 'domain', {
    domainName: 'api.onprem.example.internal',
    certificateArn: CERTIFICATE,
    api,
    endpoints: { main: endpoint },
    dns: zone ? { zone, target: endpoint } : undefined,
    ...props,
  });
  return { stack, domain };
}

type Statement = {
  effect: string;
  condition?: { test: string; variable: string; values: string[] }[];
};

describe('PrivateCustomDomain', () => {
  test('is a PRIVATE domain name with TLS 1.2, the certificate, and a policy allowing only the endpoint', () => {
    const { stack } = fixture();
    const synthesized = synthObject(stack);
    const [domain] = only(synthesized.resource.aws_api_gateway_domain_name);
    expect(domain).toEqual(
      expect.objectContaining({
        domain_name: 'api.onprem.example.internal',
        certificate_arn: CERTIFICATE,
        security_policy: 'TLS_1_2',
        endpoint_configuration: { types: ['PRIVATE'] },
        policy: expect.stringContaining('data.aws_iam_policy_document.domain_policy'),
      }),
    );
    const [policy] = Object.entries(synthesized.data.aws_iam_policy_document)
      .filter(([key]) => key.startsWith('domain_policy'))
      .map(([, v]) => v);
    const statements = policy.statement as Statement[];
    expect(
      statements.map((s) => [s.effect, s.condition?.[0].test, s.condition?.[0].variable]),
    ).toEqual([
      ['Allow', 'StringEquals', 'aws:SourceVpce'],
      ['Deny', 'StringNotEquals', 'aws:SourceVpce'],
    ]);
    expect(statements[0].condition?.[0].values).toEqual([
      expect.stringContaining('aws_vpc_endpoint.'),
    ]);
  });

  test('maps the API stage by domain_name_id and associates the endpoint', () => {
    const { stack } = fixture();
    const resource = synthObject(stack).resource;
    expect(only(resource.aws_api_gateway_base_path_mapping)).toEqual([
      expect.objectContaining({
        api_id: expect.stringContaining('aws_api_gateway_rest_api.'),
        stage_name: expect.stringContaining('aws_api_gateway_stage.'),
        domain_name_id: expect.stringMatching(/aws_api_gateway_domain_name\..*\.domain_name_id/),
      }),
    ]);
    expect(only(resource.aws_api_gateway_domain_name_access_association)).toEqual([
      {
        access_association_source: expect.stringContaining('aws_vpc_endpoint.'),
        access_association_source_type: 'VPCE',
        domain_name_arn: expect.stringMatching(/aws_api_gateway_domain_name\..*\.arn/),
      },
    ]);
  });

  test("lets the endpoint invoke the domain name and the mapped API through the endpoint's policy", () => {
    const { stack, domain } = fixture();
    const [policy] = Object.entries(synthObject(stack).data.aws_iam_policy_document)
      .filter(([key]) => key.startsWith('endpoint_policy'))
      .map(([, v]) => v);
    // One statement (the API's resource is checked by the ExecuteApiEndpoint tests), whose
    // resources are the mapped API, once, and the domain name as execute-api knows it.
    const statements = policy.statement as { resources: string[] }[];
    expect(statements).toHaveLength(1);
    const [apiArn, domainArn, ...rest] = statements[0].resources;
    expect(rest).toEqual([]);
    expect(apiArn).toMatch(/^\$\{aws_api_gateway_rest_api\.api_resource_\w+\.execution_arn\}\/\*$/);
    expect(domainArn).toMatch(
      /^arn:aws:execute-api:us-east-1:111111111111:\/domainnames\/api\.onprem\.example\.internal\+\$\{aws_api_gateway_domain_name\.domain_resource_\w+\.domain_name_id\}$/,
    );
    expect(domain.executeApiArn).toMatch(/:\/domainnames\/api\.onprem\.example\.internal\+\$\{/);
  });

  test('the endpoint policy lets an unsigned call (a CORS preflight) through the name, and nothing else', async () => {
    // Evaluated by @cloud-copilot/iam-simulate, with the values known after apply filled in.
    const { stack } = fixture();
    const [document] = Object.entries(synthObject(stack).data.aws_iam_policy_document)
      .filter(([key]) => key.startsWith('endpoint_policy'))
      .map(([, v]) => v);
    const statements = JSON.parse(
      JSON.stringify(document.statement)
        .replace(/\$\{aws_api_gateway_rest_api\.[^}]+\.execution_arn\}/g, API)
        .replace(/\$\{aws_api_gateway_domain_name\.[^}]+\.domain_name_id\}/g, 'f4g5h6'),
    ) as { effect: string; actions: string[]; resources: string[] }[];
    const endpointPolicy = {
      Version: '2012-10-17',
      Statement: statements.map((st) => ({
        Effect: st.effect,
        Principal: '*',
        Action: st.actions,
        Resource: st.resources,
      })),
    };
    const invoke = async (resource: string) => {
      const result = await runSimulation(
        {
          request: {
            principal: anonymousPrincipal,
            action: 'execute-api:Invoke',
            resource: { resource, accountId: '111111111111' },
            contextVariables: {},
          },
          identityPolicies: [],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          // Isolates the endpoint policy: the resource side allows everything here.
          resourcePolicy: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
          },
          vpcEndpointPolicies: [{ name: 'endpoint', policy: endpointPolicy }],
        },
        {},
      );
      if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
      return result.overallResult;
    };
    const domainArn =
      'arn:aws:execute-api:us-east-1:111111111111:/domainnames/api.onprem.example.internal';
    expect(await invoke(`${domainArn}+f4g5h6`)).toBe('Allowed');
    expect(await invoke(`${API}/v1/OPTIONS/hello`)).toBe('Allowed');
    expect(await invoke(`${domainArn}+zzzzzz`)).toBe('ImplicitlyDenied');
    expect(await invoke('arn:aws:execute-api:us-east-1:111111111111:zzzzzzzzzz/v1/GET/hello')).toBe(
      'ImplicitlyDenied',
    );
  });

  test('points the name at the endpoint with an alias in the private zone', () => {
    const { stack } = fixture();
    expect(only(synthObject(stack).resource.aws_route53_record)).toEqual([
      expect.objectContaining({
        name: 'api.onprem.example.internal',
        type: 'A',
        zone_id: expect.stringContaining('aws_route53_zone.'),
        alias: expect.objectContaining({
          name: expect.stringMatching(/aws_vpc_endpoint\..*\.dns_entry.*dns_name/),
          zone_id: expect.stringMatching(/aws_vpc_endpoint\..*\.dns_entry.*hosted_zone_id/),
        }),
      }),
    ]);
  });

  test('maps a base path and leaves DNS to the caller without a zone', () => {
    const { stack, domain } = fixture({ basePath: 'orders/v1' }, false);
    const resource = synthObject(stack).resource;
    expect(only(resource.aws_api_gateway_base_path_mapping)[0].base_path).toBe('orders/v1');
    expect(resource.aws_route53_record).toBeUndefined();
    expect(domain.url).toBe('https://api.onprem.example.internal/orders/v1');
  });

  test('fails when the certificate is missing', () => {
    const error = validationErrorOf(() => fixture({ certificateArn: '' }));
    expect(error.codes).toEqual(['MissingCertificate']);
    expect(error.message).toMatch(
      /MissingCertificate: props\.certificateArn is required: an ACM certificate ARN .*got ""/,
    );
  });

  test('fails when the certificate is not an ACM ARN of the API Region', () => {
    expect(
      validationErrorOf(() =>
        fixture({ certificateArn: 'arn:aws:iam::111111111111:server-certificate/x' }),
      ).codes,
    ).toEqual(['InvalidCertificateArn']);
    const error = validationErrorOf(() =>
      fixture({ certificateArn: CERTIFICATE.replace('us-east-1', 'eu-west-1') }),
    );
    expect(error.codes).toEqual(['CertificateOutsideRegion']);
    expect(error.message).toMatch(
      /must be a certificate of Region us-east-1: a custom domain takes a certificate of its own Region, got "arn:aws:acm:eu-west-1:/,
    );
  });

  test('fails when the name lies outside the zone or the base path is malformed', () => {
    const error = validationErrorOf(() =>
      fixture({ domainName: 'api.corp.example', basePath: '/orders/' }),
    );
    expect(error.codes).toEqual(['InvalidBasePath', 'DomainOutsideZone']);
    expect(error.message).toMatch(
      /props\.domainName must lie in the private hosted zone onprem\.example\.internal, got "api\.corp\.example"/,
    );
  });

  test("fails when an endpoint is not one the API's resource policy allows", () => {
    const error = validationErrorOf(() => {
      const { stack } = fixture();
      const other = new ExecuteApiEndpoint(stack, 'other', {
        network: testNetwork(stack, 'other-network'),
        clientCidrs: ['10.1.0.0/16'],
      });
      const api = new PrivateRestApi(stack, 'api2', {
        name: 'domain-test-2',
        endpoints: [other],
        policy: ResourcePolicy.fromEndpoints([other]),
        stage: { accessLogRetentionDays: 30, throttleRateLimit: 10, throttleBurstLimit: 5 },
      });
      new PrivateCustomDomain(stack, 'domain2', {
        domainName: 'api2.onprem.example.internal',
        certificateArn: CERTIFICATE,
        api,
        endpoints: {
          main: other,
          onprem: ExecuteApiEndpoint.fromEndpointId('vpce-0123456789abcdef0'),
        },
      });
    });
    expect(error.codes).toEqual(['EndpointNotInApiPolicy']);
    expect(error.message).toMatch(
      /props\.endpoints\.onprem must be an endpoint the API's resource policy allows .*got "onprem"/,
    );
  });

  test('fails when no endpoint may invoke the domain', () => {
    const error = validationErrorOf(() => fixture({ endpoints: {} }));
    expect(error.codes).toEqual(['NoEndpoints']);
  });
});
