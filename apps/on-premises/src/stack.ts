import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import {
  ReferenceStack,
  singleTargetStackProps,
} from '@apigw-private/constructs/app/reference-stack';
import { DirectConnect } from '@apigw-private/constructs/connectivity/direct-connect';
import { TransitGateway } from '@apigw-private/constructs/connectivity/transit-gateway';
import { SiteToSiteVpn } from '@apigw-private/constructs/connectivity/vpn';
import { VirtualPrivateGateway } from '@apigw-private/constructs/connectivity/vpn-gateway';
import { PrivateZone } from '@apigw-private/constructs/dns/private-zone';
import {
  addressInSubnet,
  InboundResolverEndpoint,
  OutboundResolverEndpoint,
} from '@apigw-private/constructs/dns/resolver';
import type { Mode } from '@apigw-private/constructs/providers/mode';
import { Cors } from '@apigw-private/constructs/rest/cors';
import { mockIntegration } from '@apigw-private/constructs/rest/mock-integration';
import { PrivateCustomDomain } from '@apigw-private/constructs/rest/private-custom-domain';
import { PrivateApiSpine } from '@apigw-private/constructs/spine/private-api-spine';
import { ConnectivityOption, OnPremisesConfig, parseOption } from './config';

export interface OnPremisesStackProps {
  readonly config: OnPremisesConfig;
  readonly mode: Mode;
  /** The connectivity option this stack builds; also its ID. */
  readonly option: ConnectivityOption;
}

/** The settings an on-premises DNS server needs to send the API's names to the inbound resolver. */
export function forwarderSettings(zones: readonly string[], addresses: readonly string[]) {
  return {
    zones,
    targets: addresses.map((address) => ({ address, port: 53 })),
    bind: zones.map(
      (zone) =>
        `zone "${zone}" { type forward; forward only; forwarders { ${addresses.map((a) => `${a} port 53;`).join(' ')} }; };`,
    ),
    windows: zones.map(
      (zone) =>
        `Add-DnsServerConditionalForwarderZone -Name "${zone}" -MasterServers ${addresses.join(',')} -ReplicationScope Forest`,
    ),
    unbound: zones.map(
      (zone) =>
        `forward-zone: name: "${zone}" ${addresses.map((a) => `forward-addr: ${a}@53`).join(' ')}`,
    ),
  };
}

/**
 * On-premises access to a private REST API: a site-to-site VPN (over a virtual private gateway or
 * a Transit Gateway, static or BGP routing) and optionally Direct Connect into the VPC; the
 * execute-api endpoint with private DNS off, admitting 443 from on premises and the VPC only; a
 * Route 53 Resolver inbound endpoint that on-premises DNS forwards to; a private custom domain
 * name in a private hosted zone; and CORS for a browser app served on premises.
 */
export class OnPremisesStack extends ReferenceStack {
  constructor(scope: Construct, id: string, props: OnPremisesStackProps) {
    super(scope, id, singleTargetStackProps('on-premises', props, { Connectivity: props.option }));
    const { config } = props;
    const option = parseOption(props.option);
    const onPremises = config.onPremises.cidrs;

    // The endpoint: private DNS off, as the AWS guidance advises for on-premises clients (the
    // VPC keeps reaching public APIs; on premises uses the alias, custom domain or vpce names).
    const spine = new PrivateApiSpine(this, {
      network: { name: id, ...config.network },
      logs: config.logs,
      api: config.api,
      apiName: `${config.api.name}-${id}`,
      description: 'Private REST API of the on-premises reference architecture',
      clientCidrs: [config.network.vpcCidr, ...onPremises],
      privateDns: false,
    });
    const { network, endpoint, api, logsKey } = spine;

    // Hybrid connectivity: the VPN ends on a virtual private gateway or a Transit Gateway.
    const gateway =
      option.gateway === 'vgw'
        ? ({
            kind: 'vgw',
            gateway: new VirtualPrivateGateway(this, 'vgw', {
              network,
              name: id,
              amazonSideAsn: config.vpn.amazonSideAsn,
            }),
          } as const)
        : ({
            kind: 'tgw',
            gateway: new TransitGateway(this, 'tgw', {
              name: id,
              amazonSideAsn: config.vpn.amazonSideAsn,
            }),
          } as const);
    const vpn = new SiteToSiteVpn(this, 'vpn', {
      name: id,
      network,
      gateway,
      routing: option.routing,
      customerGateway: {
        ipAddress: config.onPremises.deviceIp,
        bgpAsn: config.onPremises.bgpAsn,
        deviceName: config.onPremises.deviceName,
      },
      onPremisesCidrs: onPremises,
      logRetentionDays: config.logs.retentionDays,
      logsKey,
      insideCidrs: config.vpn.insideCidrs,
      presharedKeyStorage: config.vpn.presharedKeyStorage,
    });
    if (option.directConnect) {
      const dx = new DirectConnect(this, 'dx', {
        name: id,
        gateway,
        allowedPrefixes: [network.cidr],
        existingGatewayId: config.directConnect.existingGatewayId,
        amazonSideAsn: config.directConnect.amazonSideAsn,
        virtualInterface: config.directConnect.virtualInterface,
      });
      new TerraformOutput(this, 'dx-gateway-id', {
        description: 'Direct Connect gateway associated with the VPC side',
        value: dx.gatewayId,
      });
    }

    api.addMethod('/hello', 'GET', {
      authorization: config.api.authorization,
      integration: mockIntegration(
        '{"message": "Hello from a private API, on premises", "vpce": "$context.identity.vpceId"}',
      ),
    });
    // A JSON POST is a non-simple request: browsers send the OPTIONS preflight first.
    api.addMethod('/orders', 'POST', {
      authorization: config.api.authorization,
      integration: mockIntegration('{"orderId": "$context.requestId"}', 201),
    });
    // After the last addMethod: Cors answers preflight on every resource that exists, and puts the
    // origin on every response of the API (the methods above included) and on gateway errors.
    const cors = new Cors(this, 'cors', {
      api,
      allowOrigin: config.cors.allowOrigin,
      allowAnyOrigin: config.cors.allowAnyOrigin,
      allowMethods: config.cors.allowMethods,
      allowHeaders: config.cors.allowHeaders,
      maxAgeSeconds: config.cors.maxAgeSeconds,
      allowCredentials: config.cors.allowCredentials,
    });

    // DNS: the inbound resolver answers on-premises queries as the VPC would, private zone included.
    const resolverAzs = config.resolver.azs ?? config.network.azs;
    const resolver = new InboundResolverEndpoint(this, 'resolver-inbound', {
      network,
      name: id,
      clientCidrs: onPremises,
      azs: resolverAzs,
      addresses: Object.fromEntries(
        resolverAzs.map((az) => [
          az,
          addressInSubnet(
            network.subnets[az]?.cidrBlockInput ?? network.cidr,
            config.resolver.hostOffset,
          ),
        ]),
      ),
    });
    // The resolver takes its fixed addresses before the endpoint's network interfaces pick theirs.
    endpoint.endpoint.resource.dependsOn = [
      `${resolver.resource.terraformResourceType}.${resolver.resource.friendlyUniqueId}`,
    ];
    if (config.resolver.outbound.enabled) {
      new OutboundResolverEndpoint(this, 'resolver-outbound', {
        network,
        name: id,
        azs: resolverAzs,
        rules: Object.fromEntries(
          config.resolver.outbound.domains.map((domain) => [
            domain.replace(/\./g, '-'),
            { domainName: domain, targets: config.onPremises.dnsServers.map((ip) => ({ ip })) },
          ]),
        ),
      });
    }

    const zones: string[] = [];
    if (config.customDomain.enabled) {
      const zone = new PrivateZone(this, 'zone', {
        name: config.customDomain.zoneName,
        vpcs: [network],
        comment:
          'Names of the private API for on-premises clients, resolved through the inbound resolver',
      });
      const domain = new PrivateCustomDomain(this, 'custom-domain', {
        domainName: config.customDomain.domainName,
        certificateArn: config.customDomain.certificateArn,
        api,
        basePath: config.customDomain.basePath,
        endpoints: { 'execute-api': endpoint },
        dns: { zone, target: endpoint },
      });
      zones.push(zone.zoneName);
      new TerraformOutput(this, 'invoke-url-custom-domain', {
        description:
          'Private custom domain: resolves on premises through the conditional forwarder to the inbound resolver',
        value: `${domain.url}${config.customDomain.basePath ? '/' : ''}hello`,
      });
    }
    if (config.resolver.forwardAwsZones) {
      zones.push(
        `execute-api.${config.region}.amazonaws.com`,
        `${config.region}.vpce.amazonaws.com`,
      );
    }

    new TerraformOutput(this, 'resolver-inbound-addresses', {
      description:
        'Addresses of the Route 53 Resolver inbound endpoint (one per AZ), port 53 TCP and UDP',
      value: resolver.addresses,
    });
    new TerraformOutput(this, 'dns-conditional-forwarders', {
      description:
        'Conditional forwarders to set on the on-premises DNS servers: forward these zones to these targets',
      value: forwarderSettings(zones, resolver.addresses),
    });
    spine.addOutputs({ path: '/hello' });
    new TerraformOutput(this, 'cors-allowed-origin', { value: cors.allowOrigin });
    new TerraformOutput(this, 'vpn-connection-id', {
      description:
        'Download the device configuration with: aws ec2 get-vpn-connection-device-sample-configuration --vpn-connection-id <id> --vpn-connection-device-type-id <type>',
      value: vpn.connection.id,
    });
    new TerraformOutput(this, 'vpn-tunnel-outside-addresses', {
      value: [vpn.connection.tunnel1Address, vpn.connection.tunnel2Address],
    });
  }
}
