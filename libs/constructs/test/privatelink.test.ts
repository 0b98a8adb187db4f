import { AccountScope } from '../src/app/account-scope';
import { Network } from '../src/network/network';
import { EndpointAddresses } from '../src/privatelink/endpoint-addresses';
import { EndpointService, EndpointServiceProps } from '../src/privatelink/endpoint-service';
import { ServiceEndpoint } from '../src/privatelink/service-endpoint';
import { synthObject, testNetwork, testStack, validationErrorOf } from './helpers';

const NLB = {
  arn: 'arn:aws:elasticloadbalancing:us-east-1:333333333333:loadbalancer/net/orders/0123456789abcdef',
};

/** The service in resource account 333333333333; the consumer is the stack's account 111111111111. */
function fixture(props: Partial<EndpointServiceProps> = {}, serviceRegion = 'us-east-1') {
  const stack = testStack();
  const resource = new AccountScope(stack, 'resource-account', {
    alias: 'resource',
    target: { accountId: '333333333333', region: serviceRegion },
  });
  const service = new EndpointService(resource, 'service', {
    name: 'orders',
    loadBalancers: [NLB],
    allowedAccounts: ['111111111111'],
    ...props,
  });
  const network = testNetwork(stack);
  return { stack, service, network };
}

const values = (resources: Record<string, Record<string, unknown>> | undefined) =>
  Object.values(resources ?? {});

describe('EndpointService', () => {
  test('requires acceptance and allows only the named accounts', () => {
    const { stack } = fixture();
    expect(values(synthObject(stack).resource.aws_vpc_endpoint_service)).toEqual([
      expect.objectContaining({
        provider: 'aws.resource',
        acceptance_required: true,
        allowed_principals: ['arn:aws:iam::111111111111:root'],
        network_load_balancer_arns: [NLB.arn],
      }),
    ]);
  });

  test('acceptanceRequired false lets allowed accounts connect without review', () => {
    const { stack } = fixture({ acceptanceRequired: false });
    expect(values(synthObject(stack).resource.aws_vpc_endpoint_service)[0]).toEqual(
      expect.objectContaining({ acceptance_required: false }),
    );
  });

  test('fails when an allowed account is not 12 digits', () => {
    const error = validationErrorOf(() => fixture({ allowedAccounts: ['12345'] }));
    expect(error.codes).toEqual(['InvalidAccountId']);
    expect(error.message).toMatch(
      /InvalidAccountId: props\.allowedAccounts\[0\] must be a 12-digit AWS account ID, got "12345"/,
    );
  });

  test('fails when no load balancer is given', () => {
    const error = validationErrorOf(() => fixture({ loadBalancers: [] }));
    expect(error.codes).toEqual(['NoLoadBalancers']);
    expect(error.message).toMatch(/props\.loadBalancers/);
  });
});

describe('ServiceEndpoint', () => {
  test('an interface endpoint to the service in every subnet, accepted by the service owner', () => {
    const { stack, service, network } = fixture();
    new ServiceEndpoint(stack, 'orders', {
      network,
      service,
      port: 443,
      clientCidrs: ['10.0.0.0/16'],
      name: 'orders',
    });
    const synthesized = synthObject(stack);
    expect(values(synthesized.resource.aws_vpc_endpoint)).toEqual([
      expect.objectContaining({
        vpc_endpoint_type: 'Interface',
        service_name: expect.stringContaining('aws_vpc_endpoint_service.'),
        private_dns_enabled: false,
        subnet_ids: [
          expect.stringContaining('aws_subnet.'),
          expect.stringContaining('aws_subnet.'),
        ],
      }),
    ]);
    expect(values(synthesized.resource.aws_vpc_endpoint_connection_accepter)).toEqual([
      expect.objectContaining({
        provider: 'aws.resource',
        vpc_endpoint_id: expect.stringContaining('aws_vpc_endpoint.'),
        vpc_endpoint_service_id: expect.stringContaining('aws_vpc_endpoint_service.'),
      }),
    ]);
  });

  test('admits only the service port from the client networks', () => {
    const { stack, service, network } = fixture();
    new ServiceEndpoint(stack, 'orders', {
      network,
      service,
      port: 8443,
      clientCidrs: ['10.0.0.0/16'],
      name: 'orders',
    });
    expect(values(synthObject(stack).resource.aws_vpc_security_group_ingress_rule)).toEqual([
      expect.objectContaining({
        from_port: 8443,
        to_port: 8443,
        ip_protocol: 'tcp',
        cidr_ipv4: '10.0.0.0/16',
      }),
    ]);
  });

  test("reads one address per subnet only after the owner's acceptance, through deferred data sources", () => {
    const { stack, service, network } = fixture();
    const endpoint = new ServiceEndpoint(stack, 'orders', {
      network,
      service,
      port: 443,
      clientCidrs: ['10.0.0.0/16'],
      name: 'orders',
    });
    expect(endpoint.addresses).toHaveLength(2);
    const synthesized = synthObject(stack);
    // The endpoint is read again after the accepter: its interfaces as the accepted connection
    // has them, not as recorded at create time (pendingAcceptance).
    const reads = Object.entries(synthesized.data.aws_vpc_endpoint ?? {});
    expect(reads).toHaveLength(1);
    const [readKey, read] = reads[0];
    expect(read).toEqual(
      expect.objectContaining({
        provider: 'aws',
        id: expect.stringMatching(/^\$\{aws_vpc_endpoint\.orders_resource_\w+\.id\}$/),
        depends_on: [
          expect.stringMatching(
            /^aws_vpc_endpoint_connection_accepter\.resource-account_service_accept-orders_\w+$/,
          ),
        ],
      }),
    );
    const enis = values(synthesized.data.aws_network_interface);
    expect(enis).toHaveLength(2);
    enis.forEach((eni, index) =>
      expect(eni).toEqual(
        expect.objectContaining({
          provider: 'aws',
          id: `\${element(sort(tolist(data.aws_vpc_endpoint.${readKey}.network_interface_ids)), ${index})}`,
        }),
      ),
    );
  });

  test('fails when the service is in another Region', () => {
    const { stack, service, network } = fixture({}, 'eu-west-1');
    const error = validationErrorOf(
      () =>
        new ServiceEndpoint(stack, 'orders', {
          network,
          service,
          port: 443,
          clientCidrs: ['10.0.0.0/16'],
          name: 'orders',
        }),
    );
    expect(error.codes).toEqual(['RegionMismatch']);
    expect(error.message).toMatch(
      /props\.service must be an endpoint service in the endpoint's Region us-east-1, got "eu-west-1"/,
    );
  });
});

/** A consumer endpoint in the stack's own network, to the service of a separate fixture. */
function endpointInTestStack() {
  const stack = testStack();
  const network = testNetwork(stack);
  const { service } = fixture();
  const endpoint = new ServiceEndpoint(stack, 'ep', {
    network,
    service,
    port: 443,
    clientCidrs: ['10.0.0.0/16'],
    name: 'ep',
  });
  return { stack, endpoint };
}

describe('EndpointAddresses', () => {
  test('uses the provider of the endpoint account wherever it is placed', () => {
    const stack = testStack();
    const b = new AccountScope(stack, 'account-b', {
      alias: 'b',
      target: { accountId: '222222222222', region: 'us-east-1' },
    });
    const network = new Network(b, 'b', {
      name: 'b',
      cidr: '10.2.0.0/16',
      azs: ['us-east-1a', 'us-east-1b'],
      flowLogs: { retentionDays: 30 },
    });
    const { service } = fixture();
    const endpoint = new ServiceEndpoint(b, 'ep', {
      network,
      service,
      port: 443,
      clientCidrs: ['10.2.0.0/16'],
      name: 'ep',
    });
    new EndpointAddresses(stack, 'addresses', { endpoint: endpoint.resource, count: 2 });
    const enis = Object.entries(synthObject(stack).data.aws_network_interface).filter(([key]) =>
      key.startsWith('addresses'),
    );
    expect(enis.map(([, eni]) => eni.provider)).toEqual(['aws.b', 'aws.b']);
  });

  test('an endpoint that needs no acceptance is read from the interface IDs recorded at create', () => {
    const { stack, endpoint } = endpointInTestStack();
    new EndpointAddresses(stack, 'direct', { endpoint: endpoint.resource, count: 1 });
    const [eni] = Object.entries(synthObject(stack).data.aws_network_interface)
      .filter(([key]) => key.startsWith('direct'))
      .map(([, value]) => value);
    expect(eni.id).toMatch(
      /^\$\{element\(sort\(tolist\(aws_vpc_endpoint\.ep_resource_\w+\.network_interface_ids\)\), 0\)\}$/,
    );
  });

  test('fails when the count is not a whole number of 1 or more', () => {
    const { stack, endpoint } = endpointInTestStack();
    const error = validationErrorOf(
      () => new EndpointAddresses(stack, 'addresses', { endpoint: endpoint.resource, count: 0 }),
    );
    expect(error.codes).toEqual(['InvalidCount']);
    expect(error.message).toMatch(/props\.count .*got 0/);
  });
});
