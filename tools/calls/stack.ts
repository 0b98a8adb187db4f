/**
 * One synthesized stack as the verifier reads it: the tfjson plan model plus the few questions
 * every step asks (resources by construct path, what an attribute references, the account and
 * Region of a resource, stand-in values for IDs known only after apply).
 */
import { fillTemplate } from '@apigw-private/tools/policy';
import type { Plan, PlanResource, Reference } from '@apigw-private/tools/tfjson';
import type { PathSegment } from '@apigw-private/tools/tfjson';

/** A short, stable hash for stand-in IDs. */
function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** True when `path` (a construct path) contains the segments of `fragment`. */
export function pathHas(path: string | undefined, fragment: string): boolean {
  if (path === undefined) return false;
  return `/${path}/`.includes(`/${fragment.replace(/^\/|\/$/g, '')}/`);
}

export class StackView {
  constructor(
    readonly stack: string,
    readonly plan: Plan,
    private readonly accounts: Readonly<Record<string, string>> = {},
  ) {}

  /** Managed resources of the given types whose construct path contains `fragment`. */
  find(types: string | readonly string[], fragment?: string): readonly PlanResource[] {
    const list = this.plan.ofType(...(typeof types === 'string' ? [types] : types));
    return fragment === undefined ? list : list.filter((r) => pathHas(r.constructPath, fragment));
  }

  /** Data sources of a type. */
  data(type: string): readonly PlanResource[] {
    return this.plan.dataOfType(type);
  }

  /** Resources the attribute at `path` references, optionally of the given types. */
  refs(
    resource: PlanResource,
    path: string | readonly PathSegment[],
    types?: readonly string[],
  ): readonly PlanResource[] {
    const found = this.plan.referenced(resource, path);
    return types ? found.filter((r) => types.includes(r.type)) : found;
  }

  /** The resolved references of the attribute at `path` (with the attribute each names). */
  references(resource: PlanResource, path: string | readonly PathSegment[]): readonly Reference[] {
    return resource.references(path).filter((r) => r.resolved);
  }

  /** Resources of `types` whose attribute at `path` points at `to`. */
  referrers(
    to: PlanResource,
    types: string | readonly string[],
    path: string | readonly PathSegment[],
  ): readonly PlanResource[] {
    return this.plan.referrers(to, types, path, ['id', 'arn']);
  }

  /** True when `from`'s attribute at `path` points at `to`. */
  links(from: PlanResource, path: string | readonly PathSegment[], to: PlanResource): boolean {
    return this.plan.links(from, path, to, ['id', 'arn']);
  }

  region(resource: PlanResource): string {
    return this.plan.providers().get(resource.providerKey)?.region ?? 'us-east-1';
  }

  /** The account of a resource's provider: from the declarations, else a stand-in per provider. */
  account(resource: PlanResource): string {
    const key = resource.providerKey;
    const configured = this.accounts[key] ?? this.plan.providers().get(key)?.allowedAccountIds[0];
    if (configured) return configured;
    return String(100000000000 + (parseInt(hash(key), 16) % 899999999999));
  }

  /** The stand-in for a value known only after apply, the same wherever it is used. */
  placeholder = (reference: Reference): string | undefined => {
    const [resource] = this.plan.instances(reference.address);
    const attribute = reference.attribute ?? 'id';
    if (!resource) return undefined;
    const known = resource.str(attribute);
    if (known !== undefined) return known;
    const id = `${hash(resource.address)}`;
    switch (`${resource.type}.${attribute}`) {
      case 'aws_vpc_endpoint.id':
        return `vpce-${id}`;
      case 'aws_vpc.id':
        return `vpc-${id}`;
      case 'aws_api_gateway_rest_api.id':
      case 'aws_apigatewayv2_api.id':
        return `a${id.slice(0, 9)}`;
      case 'aws_api_gateway_rest_api.execution_arn':
      case 'aws_apigatewayv2_api.execution_arn':
        return this.executionArn(resource);
      case 'aws_api_gateway_domain_name.domain_name_id':
        return `dn${id}`;
      case 'aws_api_gateway_domain_name.arn':
        return `arn:aws:apigateway:${this.region(resource)}::/domainnames/${resource.str('domain_name') ?? id}`;
      case 'aws_iam_role.arn':
        return `arn:aws:iam::${this.account(resource)}:role/${resource.name}`;
      default:
        return `${resource.type}-${resource.name}-${attribute}`;
    }
  };

  /** `arn:aws:execute-api:<region>:<account>:<api-id>`. */
  executionArn(api: PlanResource): string {
    const id = this.placeholder({ address: api.baseAddress, attribute: 'id', resolved: true });
    return `arn:aws:execute-api:${this.region(api)}:${this.account(api)}:${id}`;
  }

  /** The value of a single-valued attribute: known, or the stand-in of its one reference. */
  valueOf(resource: PlanResource, path: string | readonly PathSegment[]): string | undefined {
    const known = resource.str(path);
    if (known !== undefined) return known;
    const [reference] = this.references(resource, path);
    return reference ? this.placeholder(reference) : undefined;
  }

  /** A string attribute with each `${...}` reference filled with its stand-in. */
  text(resource: PlanResource, path: string | readonly PathSegment[]): string | undefined {
    const known = resource.str(path);
    if (known !== undefined) return known;
    const template = resource.expression(path)?.template;
    if (typeof template === 'string') return fillTemplate(template, this.placeholder);
    return this.valueOf(resource, path);
  }
}
