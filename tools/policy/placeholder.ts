/**
 * Stand-ins for values a plan knows only after apply (an endpoint ID, an API's execution ARN), so
 * that a policy can be evaluated before it exists. A placeholder has the form AWS gives the real
 * value, is the same for the same resource every time, and never equals a value of another
 * resource, so that "this endpoint" and "some other endpoint" stay distinguishable.
 */
import { createHash } from 'node:crypto';
import type { Plan, PlanResource, Reference } from '@apigw-private/tools/tfjson';

/** The Region and account a resource lives in, as far as the plan says. */
export interface Whereabouts {
  readonly region: string;
  readonly account: string;
  readonly partition: string;
}

/** Used when the plan names no account: the documentation account of the AWS guides. */
export const UNKNOWN_ACCOUNT = '111122223333';
/** Used when the plan names no Region. */
export const UNKNOWN_REGION = 'us-east-1';

const ACCOUNT_IN_ARN = /^arn:aws[a-z-]*:[^:]+:[^:]*:(\d{12}):/;

/**
 * Region from the resource's provider configuration (or a known `region`/`arn` value), account
 * from the provider's allowed_account_ids, else from the ARNs the plan already knows.
 */
export function whereaboutsOf(plan: Plan, resource?: PlanResource): Whereabouts {
  const provider = plan.providers().get(resource?.providerKey ?? 'aws');
  const region = resource?.str('region') ?? provider?.region ?? UNKNOWN_REGION;
  let account = provider?.allowedAccountIds[0];
  if (!account) {
    for (const r of plan.resources) {
      const match = ACCOUNT_IN_ARN.exec(r.str('arn') ?? '');
      if (match) {
        account = match[1];
        break;
      }
    }
  }
  const partition = region.startsWith('cn-')
    ? 'aws-cn'
    : region.startsWith('us-gov-')
      ? 'aws-us-gov'
      : 'aws';
  return { region, account: account ?? UNKNOWN_ACCOUNT, partition };
}

function digest(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * Resource ID prefixes AWS uses (`vpce-0a1b...`) and ARN forms:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
const ID_PREFIX: Readonly<Record<string, string>> = {
  aws_vpc_endpoint: 'vpce-',
  aws_vpc: 'vpc-',
  aws_subnet: 'subnet-',
  aws_security_group: 'sg-',
  aws_internet_gateway: 'igw-',
  aws_route_table: 'rtb-',
  aws_network_interface: 'eni-',
  aws_instance: 'i-',
  aws_ec2_transit_gateway: 'tgw-',
  aws_vpc_peering_connection: 'pcx-',
};

/** The service part of ARNs of a resource type (`aws_lambda_function` -> `lambda`). */
const ARN_SERVICE: Readonly<Record<string, string>> = {
  aws_api_gateway_rest_api: 'execute-api',
  aws_cloudwatch_log_group: 'logs',
  aws_iam_role: 'iam',
  aws_iam_policy: 'iam',
  aws_lambda_function: 'lambda',
  aws_s3_bucket: 's3',
  aws_kms_key: 'kms',
  aws_vpc_endpoint: 'ec2',
  aws_ecr_repository: 'ecr',
  aws_sqs_queue: 'sqs',
  aws_sns_topic: 'sns',
  aws_ecs_cluster: 'ecs',
};

function typeOf(address: string): string {
  const parts = address.split('.');
  const at = parts[parts.length - 2] ?? '';
  return at;
}

/** A name for the resource: its known `name`/`bucket`, else one derived from the address. */
function nameOf(resource: PlanResource | undefined, address: string): string {
  return resource?.str('name') ?? resource?.str('bucket') ?? `placeholder-${digest(address, 8)}`;
}

function arnOf(
  type: string,
  address: string,
  resource: PlanResource | undefined,
  where: Whereabouts,
): string {
  const { partition: p, region: r, account: a } = where;
  const name = nameOf(resource, address);
  switch (type) {
    case 'aws_s3_bucket':
      return `arn:${p}:s3:::${name}`;
    case 'aws_iam_role':
      return `arn:${p}:iam::${a}:role/${name}`;
    case 'aws_iam_policy':
      return `arn:${p}:iam::${a}:policy/${name}`;
    case 'aws_cloudwatch_log_group':
      return `arn:${p}:logs:${r}:${a}:log-group:${name}`;
    case 'aws_lambda_function':
      return `arn:${p}:lambda:${r}:${a}:function:${name}`;
    case 'aws_ecr_repository':
      return `arn:${p}:ecr:${r}:${a}:repository/${name}`;
    case 'aws_api_gateway_rest_api':
      return `arn:${p}:apigateway:${r}::/restapis/${digest(address, 10)}`;
    case 'aws_kms_key':
      return `arn:${p}:kms:${r}:${a}:key/${digest(address, 8)}-${digest(`${address}.1`, 4)}-${digest(`${address}.2`, 4)}-${digest(`${address}.3`, 4)}-${digest(`${address}.4`, 12)}`;
    case 'aws_sqs_queue':
      return `arn:${p}:sqs:${r}:${a}:${name}`;
    case 'aws_sns_topic':
      return `arn:${p}:sns:${r}:${a}:${name}`;
    case 'aws_secretsmanager_secret':
      return `arn:${p}:secretsmanager:${r}:${a}:secret:${name}-${digest(address, 6)}`;
    default: {
      const service = ARN_SERVICE[type] ?? type.replace(/^aws_/, '').split('_')[0];
      return `arn:${p}:${service}:${r}:${a}:${type.replace(/^aws_/, '')}/${digest(address, 12)}`;
    }
  }
}

/**
 * The value a reference will have after apply: the planned value when the plan knows it, else a
 * placeholder of the right form (IDs, ARNs, execution ARNs, names). Undefined for a reference to
 * something that is not a resource or data source of the plan.
 */
export function placeholderFor(
  plan: Plan,
  reference: Reference,
  where: Whereabouts = whereaboutsOf(plan),
): string | undefined {
  if (!reference.resolved || !reference.attribute) return undefined;
  const resource = plan.instances(reference.address)[0];
  const known = resource?.str(reference.attribute);
  if (known !== undefined && known !== '') return known;
  const type = typeOf(reference.address);
  if (!type.startsWith('aws_')) return undefined;
  const attribute = reference.attribute;
  if (type === 'aws_api_gateway_rest_api' && attribute === 'execution_arn') {
    return `arn:${where.partition}:execute-api:${where.region}:${where.account}:${digest(reference.address, 10)}`;
  }
  if (attribute === 'id' && type === 'aws_api_gateway_rest_api')
    return digest(reference.address, 10);
  if (attribute === 'id' || attribute === 'bucket' || attribute === 'name') {
    const prefix = ID_PREFIX[type];
    if (prefix) return `${prefix}0${digest(reference.address, 16)}`;
    return nameOf(resource, reference.address);
  }
  if (attribute === 'arn' || attribute.endsWith('_arn')) {
    return arnOf(type, reference.address, resource, where);
  }
  if (attribute === 'account_id' || attribute === 'owner_id') return where.account;
  return `placeholder-${digest(`${reference.address}.${attribute}`, 12)}`;
}

/** The ID an endpoint, VPC or account of someone else has: never one of the plan's placeholders. */
export const FOREIGN = {
  endpoint: 'vpce-0ffffffffffffffff',
  vpc: 'vpc-0ffffffffffffffff',
  /** The account of an outsider; another one when the stack's own account is this one. */
  account: (own: string) => (own === '444455556666' ? '777788889999' : '444455556666'),
} as const;
