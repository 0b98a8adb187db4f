import { ApiGatewayBasePathMapping } from '@cdktf/provider-aws/lib/api-gateway-base-path-mapping';
import { ApiGatewayDomainName } from '@cdktf/provider-aws/lib/api-gateway-domain-name';
import { Construct } from 'constructs';
import { certificateProblems } from '../config/certificate';
import { targetOf } from '../app/account-scope';
import { Problems } from '../errors';

/** An ACM certificate known by its ARN (certificates are issued and validated outside the app). */
export interface ICertificate {
  readonly certificateArn: string;
}

/** The stage of a REST API that a base path maps to; a PrivateRestApi satisfies it. */
export interface IMappableApi {
  readonly id: string;
  readonly stageName: string;
}

export interface RegionalCustomDomainProps {
  /** Fully qualified domain name, e.g. `api.internal.example.com`; the certificate must cover it. */
  readonly domainName: string;
  /** ACM certificate in the same Region as the domain name. */
  readonly certificate: ICertificate;
  /** The API whose stage the domain serves. */
  readonly api: IMappableApi;
  /**
   * Path segment under the domain that maps to the stage, e.g. `orders` for
   * `https://api.example.com/orders/...`.
   * @default - the root of the domain maps to the stage
   */
  readonly basePath?: string;
}

/** Only TLS 1.2 is offered for custom domains here; TLS_1_0 is never configured. */
export const CUSTOM_DOMAIN_SECURITY_POLICY = 'TLS_1_2';

const DOMAIN_NAME = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const BASE_PATH = /^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/;
export { certificateRegion } from '../config/certificate';

/**
 * A Regional custom domain name (TLS 1.2 only) with the Region's own ACM certificate, and the
 * base path mapping to an API's stage. For private APIs this is how one name serves the API in
 * several Regions: a load balancer in front of the execute-api endpoint presents the same
 * certificate, and API Gateway routes the request by its Host header to this mapping.
 */
export class RegionalCustomDomain extends Construct {
  readonly resource: ApiGatewayDomainName;
  readonly mapping: ApiGatewayBasePathMapping;
  readonly domainName: string;
  readonly certificate: ICertificate;

  constructor(scope: Construct, id: string, props: RegionalCustomDomainProps) {
    super(scope, id);
    const { region } = targetOf(this);
    const arn = props.certificate.certificateArn;
    const problems = new Problems(`RegionalCustomDomain ${this.node.path}`)
      .check(
        DOMAIN_NAME.test(props.domainName),
        'InvalidDomainName',
        'props.domainName',
        props.domainName,
        'must be a lower-case fully qualified domain name such as api.internal.example.com',
      )
      .merge(
        certificateProblems(
          arn,
          region,
          'props.certificate.certificateArn',
          'a Regional custom domain',
        ),
      );
    if (props.basePath !== undefined) {
      problems.check(
        BASE_PATH.test(props.basePath),
        'InvalidBasePath',
        'props.basePath',
        props.basePath,
        'must be path segments of [A-Za-z0-9._~-] without leading or trailing slash; leave it out to map the root',
      );
    }
    problems.throwIfAny();

    this.domainName = props.domainName;
    this.certificate = props.certificate;
    this.resource = new ApiGatewayDomainName(this, 'resource', {
      domainName: props.domainName,
      regionalCertificateArn: arn,
      endpointConfiguration: { types: ['REGIONAL'] },
      securityPolicy: CUSTOM_DOMAIN_SECURITY_POLICY,
    });
    this.mapping = new ApiGatewayBasePathMapping(this, 'mapping', {
      domainName: this.resource.domainName,
      apiId: props.api.id,
      stageName: props.api.stageName,
      basePath: props.basePath,
    });
  }

  /** Host name API Gateway serves the domain on (what a public alias record would point to). */
  get regionalDomainName(): string {
    return this.resource.regionalDomainName;
  }
}
