import { ApiGatewayBasePathMapping } from '@cdktf/provider-aws/lib/api-gateway-base-path-mapping';
import { ApiGatewayDomainName } from '@cdktf/provider-aws/lib/api-gateway-domain-name';
import { ApiGatewayDomainNameAccessAssociation } from '@cdktf/provider-aws/lib/api-gateway-domain-name-access-association';
import type { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';
import { certificateProblems } from '../config/certificate';
import { targetOf } from '../app/account-scope';
import { isDnsName, PrivateZone } from '../dns/private-zone';
import type { ExecuteApiEndpoint, IExecuteApiEndpoint } from '../endpoints/execute-api-endpoint';
import { Problems } from '../errors';
import type { PrivateRestApi } from './private-rest-api';
import { ResourcePolicy } from './resource-policy';

export interface PrivateCustomDomainProps {
  /** The name clients call, e.g. `api.onprem.corp.example`. */
  readonly domainName: string;
  /** ACM certificate covering the name, in the API's Region. Required: API Gateway serves TLS only. */
  readonly certificateArn: string;
  readonly api: PrivateRestApi;
  /**
   * Path under the domain that maps to the API's stage, e.g. `orders` or `orders/v1`.
   * @default - the API at the root of the domain
   */
  readonly basePath?: string;
  /**
   * Execute-api endpoints that may invoke the domain, keyed by a stable name: the domain's own
   * policy allows only these, and each gets an access association.
   */
  readonly endpoints: Readonly<Record<string, IExecuteApiEndpoint>>;
  /**
   * Private hosted zone record pointing the name at an endpoint of this stack.
   * @default - no record; clients resolve the name by their own DNS
   */
  readonly dns?: { readonly zone: PrivateZone; readonly target: ExecuteApiEndpoint };
}

const BASE_PATH = /^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/;

/**
 * An API Gateway custom domain name for a private API: endpoint type PRIVATE, TLS 1.2 minimum, a
 * certificate from config, and its own execute-api policy that admits only the given endpoints;
 * the base path mapping to the API's stage, an access association per endpoint (without which
 * the endpoint cannot reach the domain), and optionally an alias in a private hosted zone.
 */
export class PrivateCustomDomain extends Construct {
  readonly domain: ApiGatewayDomainName;
  readonly mapping: ApiGatewayBasePathMapping;
  readonly associations: Record<string, ApiGatewayDomainNameAccessAssociation> = {};
  readonly record?: Route53Record;
  readonly domainName: string;
  /**
   * The domain name as execute-api knows it in policies:
   * `arn:aws:execute-api:<region>:<account>:/domainnames/<name>+<domainNameId>`.
   */
  readonly executeApiArn: string;
  private readonly basePath?: string;

  constructor(scope: Construct, id: string, props: PrivateCustomDomainProps) {
    super(scope, id);
    const { region, accountId } = targetOf(this);
    const domainName = props.domainName.replace(/\.$/, '').toLowerCase();
    const problems = new Problems(`PrivateCustomDomain ${this.node.path}`);
    problems.check(
      isDnsName(domainName) && domainName.includes('.'),
      'InvalidDomainName',
      'props.domainName',
      props.domainName,
      'must be a DNS name of two or more labels without a wildcard, e.g. api.onprem.corp.example',
    );
    problems.merge(
      certificateProblems(props.certificateArn, region, 'props.certificateArn', 'a custom domain'),
    );
    problems.check(
      props.basePath === undefined || BASE_PATH.test(props.basePath),
      'InvalidBasePath',
      'props.basePath',
      props.basePath,
      'must be path segments of [A-Za-z0-9._~-] separated by "/", without leading or trailing "/"',
    );
    problems.check(
      Object.keys(props.endpoints).length > 0,
      'NoEndpoints',
      'props.endpoints',
      props.endpoints,
      'must name at least one execute-api endpoint allowed to invoke the domain',
    );
    // The API's own resource policy is evaluated too, so it must admit every endpoint that may
    // call the name ("grant access for the API consumer's VPC endpoint in the resource policy for
    // any private APIs mapped to your private custom domain name":
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains-provider-share-cli.html).
    const apiPolicy = props.api.policy;
    if (apiPolicy?.source.kind === 'endpoints') {
      const allowed = apiPolicy.source.endpoints;
      for (const [key, endpoint] of Object.entries(props.endpoints)) {
        problems.check(
          allowed.some((e) => e === endpoint || e.endpointId === endpoint.endpointId),
          'EndpointNotInApiPolicy',
          `props.endpoints.${key}`,
          key,
          "must be an endpoint the API's resource policy allows (ResourcePolicy.fromEndpoints): the API refuses calls through the name from any other",
        );
      }
    }
    if (props.dns && isDnsName(domainName)) {
      problems.check(
        domainName === props.dns.zone.zoneName ||
          domainName.endsWith(`.${props.dns.zone.zoneName}`),
        'DomainOutsideZone',
        'props.domainName',
        props.domainName,
        `must lie in the private hosted zone ${props.dns.zone.zoneName}`,
      );
    }
    problems.throwIfAny();
    this.domainName = domainName;
    this.basePath = props.basePath;

    const endpoints = Object.values(props.endpoints);
    // The domain's execute-api policy: the same Allow-with-condition plus Deny-otherwise shape as
    // the API's resource policy, so the name answers only through these endpoints. A private
    // domain name starts with a deny-all policy; `execute-api:/*` with an aws:SourceVpce
    // condition is the form AWS documents for it
    // (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains-tutorial.html).
    // Together with the access association below and the endpoint policy entries, this admits the
    // call and its CORS preflight (an anonymous OPTIONS, which the principal "*" covers).
    const policy = ResourcePolicy.fromEndpoints(endpoints).render(this, 'policy');
    this.domain = new ApiGatewayDomainName(this, 'resource', {
      domainName,
      certificateArn: props.certificateArn,
      endpointConfiguration: { types: ['PRIVATE'] },
      securityPolicy: 'TLS_1_2',
      policy: policy.json,
    });
    this.mapping = new ApiGatewayBasePathMapping(this, 'mapping', {
      apiId: props.api.id,
      stageName: props.api.stageName,
      domainName: this.domain.domainName,
      domainNameId: this.domain.domainNameId,
      basePath: props.basePath,
    });
    // The resource a call through the name is authorized on, as the IAM service authorization
    // reference lists it (execute-api-domain resource type:
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonapigatewaymanagement.html).
    this.executeApiArn = `arn:aws:execute-api:${region}:${accountId}:/domainnames/${domainName}+${this.domain.domainNameId}`;
    for (const [key, endpoint] of Object.entries(props.endpoints)) {
      // An endpoint with its own policy must allow both the domain name and the mapped API
      // (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-vpc-endpoint-policies.html,
      // "specific APIs and domain resources"); without them the name answers 403 through it.
      endpoint.allowInvokeDomain?.(this.executeApiArn);
      endpoint.allowInvoke?.(props.api.executionArn);
      this.associations[key] = new ApiGatewayDomainNameAccessAssociation(this, `access-${key}`, {
        accessAssociationSource: endpoint.endpointId,
        accessAssociationSourceType: 'VPCE',
        domainNameArn: this.domain.arn,
      });
    }
    if (props.dns) {
      const entry = props.dns.target.endpoint.resource.dnsEntry.get(0);
      this.record = props.dns.zone.addAlias(`record-${id}`, domainName, {
        dnsName: entry.dnsName,
        zoneId: entry.hostedZoneId,
      });
    }
  }

  /** The invoke URL of the mapped stage through the custom domain. */
  get url(): string {
    return `https://${this.domainName}/${this.basePath ?? ''}`;
  }
}
