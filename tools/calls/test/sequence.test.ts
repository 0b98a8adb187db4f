import { callPathsSection, sequenceDiagram } from '../sequence';
import { privateApiStack, walk } from './fixture';

describe('sequence diagrams of proven paths', () => {
  it('draws each checked step: DNS answer, hops as arrows, checks as notes with addresses', async () => {
    const diagram = sequenceDiagram(await walk(privateApiStack()));
    expect(diagram.split('\n')).toEqual([
      'sequenceDiagram',
      '  participant p0 as Client client',
      '  participant p1 as DNS',
      '  participant p2 as execute-api endpoint',
      '  participant p3 as API Gateway',
      '  Note over p0: client aws_lambda_function.client',
      '  p0->>p1: resolve the private DNS name of the API',
      '  p1-->>p0: aws_vpc_endpoint.api',
      '  p0->>p2: network aws_vpc.vpc',
      '  Note over p0: egress aws_vpc_security_group_egress_rule.client_out',
      '  Note over p2: endpoint-sg aws_vpc_security_group_ingress_rule.endpoint_in',
      '  Note over p2: endpoint-policy aws_vpc_endpoint_policy.api',
      '  p2->>p3: GET /hello',
      '  Note over p3: method aws_api_gateway_method.hello',
      '  Note over p3: authorizer aws_api_gateway_method.hello',
      '  Note over p3: resource-policy aws_api_gateway_rest_api.api',
      '  Note over p3: integration aws_api_gateway_integration.hello',
    ]);
  });

  it('lists refused calls with the step and resource, and marks an unproven positive call', async () => {
    const refused = await walk(privateApiStack(), {
      name: 'x',
      signed: false,
      expect: { refusedAt: 'authorizer' },
    });
    const broken = privateApiStack();
    delete broken.resource.aws_vpc_security_group_ingress_rule.endpoint_in;
    const unproven = await walk(broken);
    const section = callPathsSection('demo', [refused, unproven]);
    expect(section).toContain(
      '| `demo` | Lambda client, private DNS, GET /hello | authorizer | `aws_api_gateway_method.hello` |',
    );
    expect(section).toContain('NOT PROVEN: refused at endpoint-sg: aws_security_group.endpoint');
    expect(section).not.toContain('```mermaid');
  });
});
