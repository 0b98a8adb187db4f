// Which provider `endpoints` entry each resource type calls, so a stack's override points every
// service it uses (and STS, for assume_role) at the emulator and nothing at AWS.
// Endpoint names: https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/guides/custom-service-endpoints

/** Resource or data source type prefix -> endpoint name; the longest matching prefix wins. */
const ENDPOINT_BY_PREFIX: Record<string, string> = {
  aws_api_gateway_: 'apigateway',
  aws_apigatewayv2_: 'apigatewayv2',
  aws_autoscaling_: 'autoscaling',
  aws_cloudwatch_log_: 'logs',
  aws_cloudwatch_metric_alarm: 'cloudwatch',
  aws_cognito_: 'cognitoidp',
  aws_acm_: 'acm',
  aws_dx_: 'directconnect',
  aws_ecr_: 'ecr',
  aws_ecs_: 'ecs',
  aws_iam_: 'iam',
  aws_kms_: 'kms',
  aws_lambda_: 'lambda',
  aws_lb: 'elbv2',
  aws_ram_: 'ram',
  aws_route53_: 'route53',
  aws_route53_resolver_: 'route53resolver',
  aws_s3_: 's3',
  aws_service_discovery_: 'servicediscovery',
  aws_ssm_: 'ssm',
  // EC2 and VPC families.
  aws_customer_gateway: 'ec2',
  aws_default_: 'ec2',
  aws_ec2_: 'ec2',
  aws_flow_log: 'ec2',
  aws_instance: 'ec2',
  aws_launch_template: 'ec2',
  aws_network_: 'ec2',
  aws_route: 'ec2',
  aws_security_group: 'ec2',
  aws_subnet: 'ec2',
  aws_vpc: 'ec2',
  aws_vpn_: 'ec2',
};

/** Data sources evaluated inside Terraform, which call no service. */
const LOCAL_DATA_SOURCES = new Set(['aws_iam_policy_document']);

/** Always pointed at the emulator: STS for assume_role and the account ID; SSM for `resolve:ssm:` AMIs. */
const ALWAYS = ['sts', 'ssm'];

export class UnknownServiceError extends Error {
  constructor(types: readonly string[]) {
    super(
      `UnknownService: no emulator endpoint is known for ${types.join(', ')}; add the type to ` +
        'ENDPOINT_BY_PREFIX in tools/emulator/services.ts so no call goes to AWS.',
    );
    this.name = 'UnknownServiceError';
  }
}

/** The endpoint name a resource type calls, or undefined when none is known. */
export function endpointOf(type: string): string | undefined {
  const prefix = Object.keys(ENDPOINT_BY_PREFIX)
    .filter((p) => type.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? undefined : ENDPOINT_BY_PREFIX[prefix];
}

/**
 * The endpoint names a stack needs, sorted. Fails on a type with no known endpoint, which would
 * otherwise reach the real AWS endpoint.
 */
export function endpointsFor(
  resourceTypes: Iterable<string>,
  dataTypes: Iterable<string> = [],
): string[] {
  const found = new Set(ALWAYS);
  const unknown: string[] = [];
  for (const type of [
    ...resourceTypes,
    ...[...dataTypes].filter((t) => !LOCAL_DATA_SOURCES.has(t)),
  ]) {
    const endpoint = endpointOf(type);
    if (endpoint) found.add(endpoint);
    else unknown.push(type);
  }
  if (unknown.length > 0) throw new UnknownServiceError([...new Set(unknown)].sort());
  return [...found].sort();
}
