import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Testing } from 'cdktf';
import { IntegrationTarget } from '../src/http/private-integration';
import { InternalNlb } from '../src/load-balancing/internal-nlb';
import { synthObject, validationErrorOf } from './helpers';
import { albIntegration, cloudMap, fixture } from './http-fixture';

describe('PrivateIntegration', () => {
  test('to an ALB listener: HTTP_PROXY over the VPC link, payload 1.0, method ANY, timeout 30 s', () => {
    const f = fixture();
    albIntegration(f);
    const synthesized = Testing.synth(f.stack);
    expect(synthesized).toHaveResourceWithProperties(Apigatewayv2Integration, {
      integration_type: 'HTTP_PROXY',
      connection_type: 'VPC_LINK',
      connection_id: expect.stringContaining('aws_apigatewayv2_vpc_link.link_resource'),
      integration_uri: expect.stringContaining('aws_lb_listener.alb_listener-http'),
      integration_method: 'ANY',
      payload_format_version: '1.0',
      timeout_milliseconds: 30000,
    });
  });

  test('opens the VPC link group to the ALB group on the listener port, and only that', () => {
    const f = fixture();
    albIntegration(f);
    const synthesized = Testing.synth(f.stack);
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      security_group_id: expect.stringContaining('aws_security_group.link_sg'),
      referenced_security_group_id: expect.stringContaining('aws_security_group.alb_sg'),
      from_port: 80,
      to_port: 80,
    });
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      security_group_id: expect.stringContaining('aws_security_group.alb_sg'),
      referenced_security_group_id: expect.stringContaining('aws_security_group.link_sg'),
      from_port: 80,
    });
  });

  test('to an NLB listener', () => {
    const f = fixture();
    const nlb = new InternalNlb(f.stack, 'nlb', {
      name: 'orders-nlb',
      network: f.network,
      accessLogs: f.logs,
    });
    const listener = nlb.addListener('tcp', {
      port: 80,
      protocol: 'TCP',
      targetGroup: nlb.addTargetGroup('app', { targetType: 'ip', port: 8080 }),
    });
    f.api.addPrivateIntegration('nlb', {
      vpcLink: f.link,
      target: IntegrationTarget.nlbListener(nlb, listener),
    });
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(Apigatewayv2Integration, {
      integration_uri: expect.stringContaining('aws_lb_listener.nlb_listener-tcp'),
      connection_type: 'VPC_LINK',
    });
  });

  test('to a Cloud Map service with DiscoverInstances query filters on the URI', () => {
    const f = fixture();
    const svc = cloudMap(f);
    f.api.addPrivateIntegration('cm', {
      vpcLink: f.link,
      target: IntegrationTarget.cloudMap(svc, { filters: { stage: 'prod', deployment: 'green' } }),
    });
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(Apigatewayv2Integration, {
      integration_uri: expect.stringMatching(
        /^\$\{aws_service_discovery_service\.svc_resource_\w+\.arn\}\?deployment=green&stage=prod$/,
      ),
    });
  });

  test('TLS to the backend verifies the server name', () => {
    const f = fixture();
    albIntegration(f, { tlsServerName: 'orders.internal.example.com' });
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(Apigatewayv2Integration, {
      tls_config: { server_name_to_verify: 'orders.internal.example.com' },
    });
  });

  test('a server name built from values known only at apply is accepted', () => {
    const f = fixture();
    const invokeDomain = `${f.network.vpc.id}.execute-api.us-east-1.amazonaws.com`;
    albIntegration(f, { tlsServerName: invokeDomain });
    const integration = Object.values(
      synthObject(f.stack).resource.aws_apigatewayv2_integration,
    )[0] as {
      tls_config: { server_name_to_verify: string };
    };
    expect(integration.tls_config.server_name_to_verify).toMatch(
      /^\$\{aws_vpc\.\w+\.id\}\.execute-api\.us-east-1\.amazonaws\.com$/,
    );
  });

  test('fails when a server name with an apply-time value is still not a DNS name', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      albIntegration(f, { tlsServerName: `${f.network.vpc.id} bad name` }),
    );
    expect(error.codes).toEqual(['InvalidServerName']);
  });

  test('request and response parameters and a timeout', () => {
    const f = fixture();
    albIntegration(f, {
      requestParameters: {
        'append:header.x-caller': '$context.identity.sourceIp',
        'remove:querystring.debug': "''",
      },
      responseParameters: {
        '404': { 'overwrite:statuscode': '410' },
        '200': { 'append:header.x-served-by': 'orders' },
      },
      timeoutMillis: 10000,
    });
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(Apigatewayv2Integration, {
      request_parameters: {
        'append:header.x-caller': '$context.identity.sourceIp',
        'remove:querystring.debug': "''",
      },
      response_parameters: [
        { status_code: '200', mappings: { 'append:header.x-served-by': 'orders' } },
        { status_code: '404', mappings: { 'overwrite:statuscode': '410' } },
      ],
      timeout_milliseconds: 10000,
    });
  });

  test('stripStagePath overwrites the path with $request.path', () => {
    const f = fixture();
    albIntegration(f, { stripStagePath: true });
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(Apigatewayv2Integration, {
      request_parameters: { 'overwrite:path': '$request.path' },
    });
  });

  test('a Lambda proxy integration defaults to POST and may use payload 2.0', () => {
    const f = fixture();
    f.api.addIntegration('fn', {
      integrationType: 'AWS_PROXY',
      integrationUri: 'arn:aws:lambda:us-east-1:111111111111:function:orders',
      payloadFormatVersion: '2.0',
    });
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(Apigatewayv2Integration, {
      integration_type: 'AWS_PROXY',
      connection_type: 'INTERNET',
      integration_method: 'POST',
      payload_format_version: '2.0',
    });
  });

  test('fails when the timeout is outside 50-30000', () => {
    const f = fixture();
    const error = validationErrorOf(() => albIntegration(f, { timeoutMillis: 45000 }));
    expect(error.codes).toEqual(['InvalidTimeout']);
    expect(error.message).toMatch(
      /InvalidTimeout: props\.timeoutMillis must be 50-30000 milliseconds for HTTP APIs, got 45000/,
    );
  });

  test('fails when the payload format is 2.0 on a private integration', () => {
    const f = fixture();
    const error = validationErrorOf(() => albIntegration(f, { payloadFormatVersion: '2.0' }));
    expect(error.codes).toEqual(['UnsupportedPayloadFormat']);
    expect(error.message).toMatch(
      /props\.payloadFormatVersion must be '1\.0' for a private \(VPC_LINK\) integration, got "2\.0"/,
    );
  });

  test('fails when connection type VPC_LINK has no link', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      f.api.addIntegration('x', {
        integrationType: 'HTTP_PROXY',
        connectionType: 'VPC_LINK',
        integrationUri: 'arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/a/1/2',
      }),
    );
    expect(error.codes).toEqual(['VpcLinkMissing']);
    expect(error.message).toMatch(
      /VpcLinkMissing: props\.vpcLink is required when connectionType is VPC_LINK.*got nothing/,
    );
  });

  test('fails when an integration subtype is set on a non-AWS_PROXY integration', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      f.api.addIntegration('x', {
        integrationType: 'HTTP_PROXY',
        integrationUri: 'https://example.com',
        integrationSubtype: 'SQS-SendMessage',
      }),
    );
    expect(error.codes).toEqual(['SubtypeWithoutAwsProxy']);
    expect(error.message).toMatch(
      /props\.integrationSubtype is only allowed on AWS_PROXY integrations, not HTTP_PROXY, got "SQS-SendMessage"/,
    );
  });

  test('fails when a request parameter key has the wrong form', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      albIntegration(f, { requestParameters: { 'replace:header.x': 'v' } }),
    );
    expect(error.codes).toEqual(['InvalidRequestParameter']);
    expect(error.message).toMatch(
      /props\.requestParameters\["replace:header\.x"\] must be append\|overwrite\|remove:header\.<name>.*got "replace:header\.x"/,
    );
  });

  test('fails when a response parameter status code is outside 200-599', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      albIntegration(f, { responseParameters: { '199': { 'overwrite:statuscode': '200' } } }),
    );
    expect(error.codes).toEqual(['InvalidResponseStatus']);
    expect(error.message).toMatch(
      /props\.responseParameters must be keyed by an HTTP status code 200-599, got "199"/,
    );
  });

  test('fails when a response parameter key has the wrong form', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      albIntegration(f, { responseParameters: { '500': { 'overwrite:body': 'x' } } }),
    );
    expect(error.codes).toEqual(['InvalidResponseParameter']);
    expect(error.message).toContain('got "overwrite:body"');
  });

  test('fails when stripStagePath and an overwrite:path mapping are both given', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      albIntegration(f, {
        stripStagePath: true,
        requestParameters: { 'overwrite:path': '/fixed' },
      }),
    );
    expect(error.codes).toEqual(['ConflictingPathMapping']);
    expect(error.message).toContain('got "/fixed"');
  });

  test('fails when the Cloud Map target registers A records', () => {
    const f = fixture();
    const imported = {
      arn: 'arn:aws:servicediscovery:us-east-1:111111111111:service/srv-abc',
      dnsRecordType: 'A',
    };
    const error = validationErrorOf(() =>
      f.api.addPrivateIntegration('cm', {
        vpcLink: f.link,
        target: IntegrationTarget.cloudMap(imported),
      }),
    );
    expect(error.codes).toEqual(['CloudMapRequiresSrv']);
    expect(error.message).toMatch(/service\.dnsRecordType must be SRV.*got "A"/);
  });

  test('reports every problem at once', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      albIntegration(f, { timeoutMillis: 10, payloadFormatVersion: '2.0' }),
    );
    expect(error.codes).toEqual(['UnsupportedPayloadFormat', 'InvalidTimeout']);
  });
});
