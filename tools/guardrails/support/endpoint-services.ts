import type { Plan, PlanResource } from '../engine/plan';

/**
 * What an endpoint policy is asked for each AWS service: actions a caller could take through the
 * endpoint, on a resource of someone else's account (`{region}`/`{account}` are filled in). An
 * action without a resource (`*`) is one whose permissions take no resource ARN, so only who may
 * call it can be narrowed.
 * Actions and ARN forms: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export interface ServiceProbe {
  readonly action: string;
  readonly resource: string;
}

const PROBES: Readonly<Record<string, readonly ServiceProbe[]>> = {
  'execute-api': [
    {
      action: 'execute-api:Invoke',
      resource: 'arn:aws:execute-api:{region}:{account}:a1b2c3d4e5/prod/GET/guardrails-probe',
    },
  ],
  s3: [
    { action: 's3:GetObject', resource: 'arn:aws:s3:::guardrails-probe-foreign-bucket/object' },
    { action: 's3:PutObject', resource: 'arn:aws:s3:::guardrails-probe-foreign-bucket/object' },
  ],
  'ecr.api': [
    { action: 'ecr:BatchGetImage', resource: 'arn:aws:ecr:{region}:{account}:repository/probe' },
    { action: 'ecr:GetAuthorizationToken', resource: '*' },
  ],
  'ecr.dkr': [
    {
      action: 'ecr:GetDownloadUrlForLayer',
      resource: 'arn:aws:ecr:{region}:{account}:repository/probe',
    },
  ],
  logs: [
    {
      action: 'logs:PutLogEvents',
      resource: 'arn:aws:logs:{region}:{account}:log-group:probe:log-stream:probe',
    },
  ],
  ssm: [
    { action: 'ssm:GetParameter', resource: 'arn:aws:ssm:{region}:{account}:parameter/probe' },
    {
      action: 'ssm:UpdateInstanceInformation',
      resource: 'arn:aws:ec2:{region}:{account}:instance/i-0ffffffffffffffff',
    },
  ],
  ssmmessages: [{ action: 'ssmmessages:OpenDataChannel', resource: '*' }],
  ec2messages: [{ action: 'ec2messages:GetMessages', resource: '*' }],
  sts: [{ action: 'sts:AssumeRole', resource: 'arn:aws:iam::{account}:role/probe' }],
  kms: [{ action: 'kms:Decrypt', resource: 'arn:aws:kms:{region}:{account}:key/probe' }],
  secretsmanager: [
    {
      action: 'secretsmanager:GetSecretValue',
      resource: 'arn:aws:secretsmanager:{region}:{account}:secret:probe',
    },
  ],
  sqs: [{ action: 'sqs:SendMessage', resource: 'arn:aws:sqs:{region}:{account}:probe' }],
  sns: [{ action: 'sns:Publish', resource: 'arn:aws:sns:{region}:{account}:probe' }],
  lambda: [
    {
      action: 'lambda:InvokeFunction',
      resource: 'arn:aws:lambda:{region}:{account}:function:probe',
    },
  ],
  dynamodb: [
    { action: 'dynamodb:GetItem', resource: 'arn:aws:dynamodb:{region}:{account}:table/probe' },
  ],
  monitoring: [{ action: 'cloudwatch:PutMetricData', resource: '*' }],
};

/** `com.amazonaws.<region>.<service>` -> `<service>`; undefined for endpoint services (`vpce-svc-`). */
export function awsServiceOf(serviceName: string): string | undefined {
  const match = /^com\.amazonaws\.[a-z0-9-]+\.(.+)$/.exec(serviceName);
  return match?.[1];
}

/** The service name of an endpoint, known or constant in the configuration. */
export function serviceNameOf(endpoint: PlanResource): string | undefined {
  const configured = endpoint.expression('service_name');
  return (
    endpoint.str('service_name') ??
    (typeof configured?.constant === 'string' ? configured.constant : undefined)
  );
}

export function probesFor(
  service: string,
  region: string,
  account: string,
): readonly ServiceProbe[] | undefined {
  return PROBES[service]?.map((p) => ({
    action: p.action,
    resource: p.resource.replace('{region}', region).replace('{account}', account),
  }));
}

/** The endpoint's policy holders: the endpoint itself (policy attribute) and aws_vpc_endpoint_policy. */
export function endpointPolicyHolders(plan: Plan, endpoint: PlanResource): readonly PlanResource[] {
  return [
    ...(endpoint.isConfigured('policy') ? [endpoint] : []),
    ...plan.referrers(endpoint, 'aws_vpc_endpoint_policy', 'vpc_endpoint_id'),
  ];
}
