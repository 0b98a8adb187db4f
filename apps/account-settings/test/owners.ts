// Who owns, and who needs, the API Gateway CloudWatch role of each account and Region, read from
// synthesized stacks through the workspace's Terraform JSON reader. The stacks must come from a
// deploy-mode synth, where every provider names its account in allowed_account_ids.
import { getPath, Plan, PlanResource } from '@apigw-private/tools/tfjson';

/** `<account>/<region>` to the `<stack>/<resource address>` list. */
export type ByAccountRegion = Record<string, string[]>;

function accountRegionOf(plan: Plan, resource: PlanResource): string {
  const provider = plan.providers().get(resource.providerKey);
  const account = provider?.allowedAccountIds[0];
  if (!provider?.region || !account) {
    throw new Error(
      `${plan.source.stack}: provider ${resource.providerKey} names no region or allowed_account_ids; synthesize in deploy mode`,
    );
  }
  return `${account}/${provider.region}`;
}

function collect(
  plans: readonly Plan[],
  types: readonly string[],
  select: (resource: PlanResource) => boolean = () => true,
): ByAccountRegion {
  const out: ByAccountRegion = {};
  for (const plan of plans) {
    for (const resource of plan.ofType(...types).filter(select)) {
      (out[accountRegionOf(plan, resource)] ??= []).push(
        `${plan.source.stack}/${resource.address}`,
      );
    }
  }
  return out;
}

/** The aws_api_gateway_account resources: each sets the account's CloudWatch role in its Region. */
export function ownersOf(plans: readonly Plan[]): ByAccountRegion {
  return collect(plans, ['aws_api_gateway_account']);
}

/**
 * REST API stages that log to CloudWatch (access logs, or execution logging on): API Gateway
 * needs the account's CloudWatch role for them.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 */
export function loggingStagesOf(plans: readonly Plan[]): ByAccountRegion {
  return collect(plans, ['aws_api_gateway_stage', 'aws_api_gateway_method_settings'], (r) => {
    if (r.type === 'aws_api_gateway_stage')
      return getPath(r.values, 'access_log_settings.0') !== undefined;
    const level = getPath(r.values, 'settings.0.logging_level');
    return typeof level === 'string' && level !== 'OFF';
  });
}
