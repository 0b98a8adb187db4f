// Who owns, and who needs, the API Gateway CloudWatch role of each account and Region, read from
// synthesized stacks in deploy mode (where every provider names its account in
// allowed_account_ids).

/** The parts of a synthesized cdk.tf.json this reads. */
export interface StackJson {
  readonly provider?: {
    readonly aws?: readonly {
      readonly alias?: string;
      readonly region?: string;
      readonly allowed_account_ids?: readonly string[];
    }[];
  };
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
}

export interface NamedStack {
  /** `<app>/<stack>`. */
  readonly name: string;
  readonly json: StackJson;
}

/** `<account>/<region>` to the `<app>/<stack>/<resource address>` list. */
export type ByAccountRegion = Record<string, string[]>;

function accountRegionOf(stack: NamedStack, resource: Record<string, unknown>): string {
  const alias = typeof resource.provider === 'string' ? resource.provider.split('.')[1] : undefined;
  const provider = (stack.json.provider?.aws ?? []).find((p) => p.alias === alias);
  const account = provider?.allowed_account_ids?.[0];
  if (!provider?.region || !account) {
    throw new Error(
      `${stack.name}: provider ${alias ?? '(default)'} names no region or allowed_account_ids; synthesize in deploy mode`,
    );
  }
  return `${account}/${provider.region}`;
}

function collect(
  stacks: readonly NamedStack[],
  select: (type: string, resource: Record<string, unknown>) => boolean,
): ByAccountRegion {
  const out: ByAccountRegion = {};
  for (const stack of stacks) {
    for (const [type, byName] of Object.entries(stack.json.resource ?? {})) {
      for (const [name, resource] of Object.entries(byName)) {
        if (!select(type, resource)) continue;
        const key = accountRegionOf(stack, resource);
        (out[key] ??= []).push(`${stack.name}/${type}.${name}`);
      }
    }
  }
  return out;
}

/** The aws_api_gateway_account resources: each sets the account's CloudWatch role in its Region. */
export function ownersOf(stacks: readonly NamedStack[]): ByAccountRegion {
  return collect(stacks, (type) => type === 'aws_api_gateway_account');
}

/**
 * REST API stages that log to CloudWatch (access logs or execution logging): API Gateway needs
 * the account's CloudWatch role for them.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 */
export function loggingStagesOf(stacks: readonly NamedStack[]): ByAccountRegion {
  return collect(stacks, (type, resource) => {
    if (type === 'aws_api_gateway_stage') return resource.access_log_settings !== undefined;
    if (type !== 'aws_api_gateway_method_settings') return false;
    const settings = resource.settings as { logging_level?: string } | undefined;
    return settings?.logging_level !== undefined && settings.logging_level !== 'OFF';
  });
}
