// Graph extraction of integrations (VPC links, load balancers, Cloud Map), DNS records and network links.
import { edges, graphOf, groupOf, merge, network, node } from './graph-fixture';

describe('extractGraph: integrations, DNS and network links', () => {
  test('a REST API reaches an NLB through a VPC link; listener, target group and IP targets follow', () => {
    const graph = graphOf(
      merge(network(), {
        aws_api_gateway_rest_api: {
          api: { name: 'front', endpoint_configuration: { types: ['REGIONAL'] } },
        },
        aws_api_gateway_vpc_link: { link: { name: 'to-nlb', target_arns: ['${aws_lb.nlb.arn}'] } },
        aws_api_gateway_integration: {
          proxy: {
            rest_api_id: '${aws_api_gateway_rest_api.api.id}',
            type: 'HTTP_PROXY',
            connection_type: 'VPC_LINK',
            connection_id: '${aws_api_gateway_vpc_link.link.id}',
            uri: 'https://${aws_lb.nlb.dns_name}/',
          },
        },
        aws_lb: {
          nlb: {
            name: 'nlb',
            load_balancer_type: 'network',
            internal: true,
            subnets: ['${aws_subnet.net_a.id}', '${aws_subnet.net_b.id}'],
          },
        },
        aws_lb_target_group: {
          tg: {
            name: 'endpoint-ips',
            target_type: 'ip',
            protocol: 'TLS',
            port: 443,
            vpc_id: '${aws_vpc.net_vpc.id}',
          },
        },
        aws_lb_listener: {
          tls: {
            load_balancer_arn: '${aws_lb.nlb.arn}',
            protocol: 'TLS',
            port: 443,
            default_action: [
              { type: 'forward', target_group_arn: '${aws_lb_target_group.tg.arn}' },
            ],
          },
        },
        aws_lb_target_group_attachment: {
          ip1: {
            target_group_arn: '${aws_lb_target_group.tg.arn}',
            target_id: '10.1.0.10',
            availability_zone: 'all',
          },
          ip2: {
            target_group_arn: '${aws_lb_target_group.tg.arn}',
            target_id: '10.1.16.10',
            availability_zone: 'all',
          },
        },
      }),
    );
    expect(node(graph, 'n_nlb').label).toEqual(['NLB nlb', 'internal']);
    expect(node(graph, 'n_nlb').group).toBe('g_vpc_net_vpc');
    expect(node(graph, 'n_tg').label).toEqual(['Target group endpoint-ips', 'ip targets, TLS 443']);
    expect(node(graph, 'n_tg_targets').label).toEqual(['2 targets', '10.1.0.10, 10.1.16.10']);
    expect(edges(graph)).toEqual([
      'n_api request n_link (HTTP_PROXY)',
      'n_internet_clients request n_api (HTTPS)',
      'n_link request n_nlb',
      'n_nlb request n_tg (TLS 443)',
      'n_tg request n_tg_targets',
    ]);
  });

  test('an HTTP API reaches an ALB listener and a Cloud Map service through a VPC link (v2)', () => {
    const graph = graphOf(
      merge(network(), {
        aws_apigatewayv2_api: { http: { name: 'http', protocol_type: 'HTTP' } },
        aws_apigatewayv2_vpc_link: {
          link2: { name: 'link2', subnet_ids: ['${aws_subnet.net_a.id}'], security_group_ids: [] },
        },
        aws_apigatewayv2_integration: {
          to_alb: {
            api_id: '${aws_apigatewayv2_api.http.id}',
            integration_type: 'HTTP_PROXY',
            connection_id: '${aws_apigatewayv2_vpc_link.link2.id}',
            integration_uri: '${aws_lb_listener.https.arn}',
          },
          to_map: {
            api_id: '${aws_apigatewayv2_api.http.id}',
            integration_type: 'HTTP_PROXY',
            connection_id: '${aws_apigatewayv2_vpc_link.link2.id}',
            integration_uri: '${aws_service_discovery_service.orders.arn}',
          },
        },
        aws_lb: {
          alb: {
            name: 'alb',
            load_balancer_type: 'application',
            internal: true,
            subnets: ['${aws_subnet.net_a.id}'],
          },
        },
        aws_lb_target_group: {
          tasks: {
            name: 'tasks',
            target_type: 'ip',
            protocol: 'HTTP',
            port: 8080,
            vpc_id: '${aws_vpc.net_vpc.id}',
          },
        },
        aws_lb_listener: {
          https: {
            load_balancer_arn: '${aws_lb.alb.arn}',
            protocol: 'HTTPS',
            port: 443,
            default_action: [
              { type: 'forward', target_group_arn: '${aws_lb_target_group.tasks.arn}' },
            ],
          },
        },
        aws_service_discovery_service: {
          orders: { name: 'orders', dns_config: { dns_records: [{ type: 'SRV', ttl: 10 }] } },
        },
        aws_ecs_service: {
          svc: {
            name: 'orders',
            launch_type: 'FARGATE',
            desired_count: 2,
            network_configuration: { subnets: ['${aws_subnet.net_a.id}'] },
            load_balancer: [
              { target_group_arn: '${aws_lb_target_group.tasks.arn}', container_port: 8080 },
            ],
            service_registries: { registry_arn: '${aws_service_discovery_service.orders.arn}' },
          },
        },
      }),
    );
    expect(node(graph, 'n_link2').group).toBe('g_vpc_net_vpc');
    expect(node(graph, 'n_svc').label).toEqual(['ECS service orders', 'FARGATE, 2 tasks']);
    expect(node(graph, 'n_orders').label).toEqual(['Cloud Map service orders', 'SRV records']);
    expect(edges(graph)).toEqual([
      'n_alb request n_tasks (HTTPS 443)',
      'n_http request n_link2 (HTTP_PROXY)',
      'n_internet_clients request n_http (HTTPS)',
      'n_link2 request n_alb',
      'n_link2 request n_orders',
      'n_orders request n_svc (service discovery)',
      'n_tasks request n_svc (port 8080)',
    ]);
  });

  test('records sit in their hosted zone and point at their alias targets', () => {
    const graph = graphOf(
      merge(network(), {
        aws_route53_zone: {
          zone: { name: 'api.example.internal', vpc: [{ vpc_id: '${aws_vpc.net_vpc.id}' }] },
        },
        aws_lb: {
          nlb: {
            name: 'nlb',
            load_balancer_type: 'network',
            internal: true,
            subnets: ['${aws_subnet.net_a.id}'],
          },
        },
        aws_route53_record: {
          primary: {
            zone_id: '${aws_route53_zone.zone.zone_id}',
            name: 'api.example.internal',
            type: 'A',
            set_identifier: 'primary',
            failover_routing_policy: { type: 'PRIMARY' },
            health_check_id: '${aws_route53_health_check.hc.id}',
            alias: {
              name: '${aws_lb.nlb.dns_name}',
              zone_id: '${aws_lb.nlb.zone_id}',
              evaluate_target_health: true,
            },
          },
        },
        aws_route53_health_check: { hc: { type: 'CLOUDWATCH_METRIC' } },
      }),
    );
    expect(groupOf(graph, 'g_zone_zone')).toEqual(
      expect.objectContaining({
        kind: 'zone',
        parent: 'g_acct_111111111111',
        label: ['Private hosted zone api.example.internal', '1 VPCs'],
      }),
    );
    expect(node(graph, 'n_primary').group).toBe('g_zone_zone');
    expect(node(graph, 'n_primary').label).toEqual([
      'api.example.internal',
      'A, alias, failover PRIMARY, health check',
    ]);
    expect(edges(graph)).toEqual(['n_primary dns n_nlb (alias)']);
  });

  test('VPN, transit gateway attachments and peering connect networks', () => {
    const graph = graphOf(
      merge(network('a'), network('b'), {
        aws_ec2_transit_gateway: { tgw: {} },
        aws_ec2_transit_gateway_vpc_attachment: {
          att: {
            transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}',
            vpc_id: '${aws_vpc.a_vpc.id}',
            subnet_ids: [],
          },
        },
        aws_vpc_peering_connection: {
          peer: { vpc_id: '${aws_vpc.a_vpc.id}', peer_vpc_id: '${aws_vpc.b_vpc.id}' },
        },
        aws_customer_gateway: {
          cgw: { ip_address: '203.0.113.10', bgp_asn: '65000', type: 'ipsec.1' },
        },
        aws_vpn_connection: {
          vpn: {
            customer_gateway_id: '${aws_customer_gateway.cgw.id}',
            transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}',
            type: 'ipsec.1',
          },
        },
      }),
    );
    expect(node(graph, 'n_cgw').group).toBe('g_on_premises');
    expect(node(graph, 'n_cgw').label).toEqual(['Customer gateway 203.0.113.10', 'BGP ASN 65000']);
    expect(edges(graph)).toEqual([
      'g_vpc_a_vpc network g_vpc_b_vpc (VPC peering)',
      'g_vpc_a_vpc network n_tgw (attachment)',
      'n_cgw network n_tgw (site-to-site VPN)',
    ]);
  });

  test('a security group rule between two drawn resources shows as an allowed edge', () => {
    const graph = graphOf(
      merge(network(), {
        aws_security_group: {
          client_sg: { vpc_id: '${aws_vpc.net_vpc.id}' },
          ssm_sg: { vpc_id: '${aws_vpc.net_vpc.id}' },
        },
        aws_vpc_security_group_ingress_rule: {
          in: {
            security_group_id: '${aws_security_group.ssm_sg.id}',
            referenced_security_group_id: '${aws_security_group.client_sg.id}',
            from_port: 443,
            to_port: 443,
            ip_protocol: 'tcp',
          },
        },
        aws_instance: {
          vm: {
            subnet_id: '${aws_subnet.net_a.id}',
            vpc_security_group_ids: ['${aws_security_group.client_sg.id}'],
            instance_type: 't3.micro',
          },
        },
        aws_vpc_endpoint: {
          ssm: {
            service_name: 'com.amazonaws.us-east-1.ssm',
            vpc_endpoint_type: 'Interface',
            private_dns_enabled: true,
            vpc_id: '${aws_vpc.net_vpc.id}',
            security_group_ids: ['${aws_security_group.ssm_sg.id}'],
          },
        },
      }),
    );
    expect(edges(graph)).toEqual(['n_vm allowed n_ssm (tcp 443)']);
  });
});
