/**
 * A REST API receiving a call: the stage (or the custom domain's base path mapping), the endpoint
 * policy and the resource policy, method match, authorization, then the integration.
 * - A custom domain name maps a base path to an API and stage; the path after the base path is
 *   the API's resource path.
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html
 * - A private custom domain answers through an endpoint only with an access association between
 *   the two. https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains.html
 */
import type { CallDeclaration } from '@apigw-private/constructs/calls/declaration';
import type { NamedPolicy } from '@apigw-private/tools/policy';
import type { PlanResource } from '@apigw-private/tools/tfjson';
import { segmentsOf } from './routing';
import type { Walk } from '../walk-state';
import { authorizationStep } from './authorization';
import { authorize, documentOf, endpointPolicy, Question } from './policies';
import { restMethodStep } from './routing';
import { RestLanding, restIntegrationStep } from './integrations';
import type { Place } from './endpoints';
import { endpointPlace } from './dns';
import { hop } from './hop';

export interface RestEntry {
  readonly api?: PlanResource;
  readonly endpoint?: PlanResource;
  readonly domain?: PlanResource;
  /** Who signs the call, when it is signed. */
  readonly caller: string;
  /** The signer's identity policies and the ones the stack cannot show (see identity.ts). */
  readonly identity?: readonly NamedPolicy[];
  readonly unreadable?: readonly string[];
  readonly from: Place;
  readonly method: string;
  readonly path: string;
  /** True when the path starts with the stage (a call forwarded to the endpoint as `/v1/hello`). */
  readonly stageInPath?: boolean;
}

function stageOf(walk: Walk, api: PlanResource): string {
  const view = walk.view;
  const stages = view
    .find('aws_api_gateway_stage')
    .filter((s) => view.links(s, 'rest_api_id', api));
  const stage = walk.one('resource-policy', stages, `stage of ${api.address}`, api.address);
  return stage.str('stage_name') ?? 'stage';
}

/** API, stage and remaining path of a call through a custom domain name. */
function mapping(
  walk: Walk,
  domain: PlanResource,
  path: string,
): { api: PlanResource; stage: string; path: string } {
  const view = walk.view;
  const mappings = view
    .find('aws_api_gateway_base_path_mapping')
    .filter(
      (m) =>
        view.refs(m, 'domain_name').includes(domain) ||
        view.refs(m, 'domain_name_id').includes(domain),
    );
  const [first, ...rest] = segmentsOf(path);
  const byPath = mappings.find(
    (m) => (m.str('base_path') ?? '') !== '' && m.str('base_path') === first,
  );
  const chosen = byPath ?? mappings.find((m) => (m.str('base_path') ?? '') === '');
  if (!chosen)
    walk.fail('dns', domain.address, `no base path mapping of ${domain.address} matches ${path}`);
  const api = view.refs(chosen, 'api_id', ['aws_api_gateway_rest_api'])[0];
  if (!api) walk.unknown('dns', chosen.address, 'its API is not in the stack');
  const stageRef = view.refs(chosen, 'stage_name', ['aws_api_gateway_stage'])[0];
  const stage = stageRef?.str('stage_name') ?? chosen.str('stage_name') ?? stageOf(walk, api);
  const rest_path = byPath ? `/${rest.join('/')}` : path;
  walk.pass(
    'dns',
    chosen.address,
    `base path mapping sends ${path} to ${api.address} stage ${stage} as ${rest_path}`,
    'DNS',
    'API',
  );
  return { api, stage, path: rest_path };
}

/** The stage named by the first path segment, and the rest of the path. */
function stageFromPath(
  walk: Walk,
  api: PlanResource,
  path: string,
): { stage: string; path: string } {
  const view = walk.view;
  const [first, ...rest] = segmentsOf(path);
  const stages = view
    .find('aws_api_gateway_stage')
    .filter((s) => view.links(s, 'rest_api_id', api))
    .map((s) => s.str('stage_name'));
  if (!first || !stages.includes(first))
    walk.fail(
      'method',
      api.address,
      `the forwarded path ${path} names stage ${first ?? '(none)'}, which ${api.address} does not have (stages: ${stages.join(', ') || 'none'}); API Gateway answers 403`,
    );
  return { stage: first, path: `/${rest.join('/')}` };
}

export async function enterRestApi(
  walk: Walk,
  call: CallDeclaration,
  entry: RestEntry,
): Promise<void> {
  const view = walk.view;
  let api = entry.api;
  let stage: string;
  let path = entry.path;
  if (entry.domain) {
    const mapped = mapping(walk, entry.domain, path);
    ({ api, stage, path } = mapped);
  } else {
    if (!api)
      return walk.unknown('dns', entry.endpoint?.address ?? view.stack, 'the call names no API');
    if (entry.stageInPath) ({ stage, path } = stageFromPath(walk, api, path));
    else stage = stageOf(walk, api);
  }
  // An execute-api endpoint reaches private APIs of its own Region only (cross-account works,
  // cross-Region does not): https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-apis.html
  if (entry.endpoint && view.region(entry.endpoint) !== view.region(api))
    walk.fail(
      'dns',
      entry.endpoint.address,
      `${entry.endpoint.address} is in ${view.region(entry.endpoint)} and ${api.address} in ${view.region(api)}: an execute-api endpoint serves APIs of its own Region only`,
    );
  const apiArn = view.executionArn(api);
  const method = entry.method.toUpperCase();
  const resourceArn = `${apiArn}/${stage}/${method}/${segmentsOf(path).join('/')}`;
  const context: Record<string, string> = {};
  const privateDomain = entry.domain?.strings('endpoint_configuration.0.types').includes('PRIVATE')
    ? entry.domain
    : undefined;
  let domainArn: string | undefined;
  if (privateDomain) {
    const id =
      view.valueOf(privateDomain, 'domain_name_id') ??
      view.placeholder({
        address: privateDomain.baseAddress,
        attribute: 'domain_name_id',
        resolved: true,
      });
    domainArn = `arn:aws:execute-api:${view.region(privateDomain)}:${view.account(privateDomain)}:/domainnames/${privateDomain.str('domain_name')}+${id}`;
    context['execute-api:viaDomainArn'] = domainArn;
  }
  if (entry.endpoint) {
    context['aws:SourceVpce'] =
      view.placeholder({ address: entry.endpoint.baseAddress, attribute: 'id', resolved: true }) ??
      '';
    const vpc = view.refs(entry.endpoint, 'vpc_id', ['aws_vpc'])[0];
    if (vpc)
      context['aws:SourceVpc'] =
        view.placeholder({ address: vpc.baseAddress, attribute: 'id', resolved: true }) ?? '';
  }
  const question = (resource: string): Question => ({
    caller: entry.caller,
    identity: entry.identity,
    unreadable: entry.unreadable,
    resource,
    resourceAccount: view.account(api!),
    context,
  });
  if (privateDomain && entry.endpoint) {
    const association = view
      .find('aws_api_gateway_domain_name_access_association')
      .find(
        (a) =>
          view.links(a, 'access_association_source', entry.endpoint!) &&
          view.refs(a, 'domain_name_arn').includes(privateDomain),
      );
    if (!association)
      walk.fail(
        'dns',
        privateDomain.address,
        `no access association between ${privateDomain.address} and ${entry.endpoint.address}: the name does not answer through that endpoint`,
      );
  }
  if (entry.endpoint) {
    const policy = endpointPolicy(walk, entry.endpoint);
    if (domainArn)
      await authorize(walk, 'endpoint-policy', policy, entry.endpoint.address, question(domainArn));
    await authorize(walk, 'endpoint-policy', policy, entry.endpoint.address, question(resourceArn));
  }
  if (privateDomain && domainArn) {
    const domainPolicy = documentOf(walk, 'resource-policy', privateDomain, 'policy', domainArn);
    await authorize(
      walk,
      'resource-policy',
      domainPolicy,
      privateDomain.address,
      question(domainArn),
    );
  }
  const matched = restMethodStep(walk, api, method, path);
  const authorizer = view.refs(matched.method, 'authorizer_id', ['aws_api_gateway_authorizer'])[0];
  authorizationStep(
    walk,
    call,
    matched.method,
    matched.method.str('authorization') ?? 'NONE',
    authorizer,
    entry.caller !== 'anonymous',
  );
  // Authentication (IAM signature, authorizer) comes before the resource policy, which is then
  // judged with the authenticated caller: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html
  const isPrivate = api.strings('endpoint_configuration.0.types').includes('PRIVATE');
  const holder = view
    .find('aws_api_gateway_rest_api_policy')
    .find((p) => view.links(p, 'rest_api_id', api!));
  const apiPolicy = holder
    ? documentOf(walk, 'resource-policy', holder, 'policy', apiArn)
    : documentOf(walk, 'resource-policy', api, 'policy', apiArn);
  if (isPrivate || apiPolicy)
    await authorize(walk, 'resource-policy', apiPolicy, api.address, question(resourceArn));
  const landing = await restIntegrationStep(walk, {
    api,
    method: matched.method,
    resourceArn,
    path,
    matchedPath: matched.resourcePath,
    stage,
  });
  await continueIntoApi(walk, call, landing, method, path);
}

/**
 * When a load balancer's targets are an execute-api endpoint, the call enters the API named by
 * the x-apigw-api-id header the integration sets, unsigned (a front door does not sign).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-api-test-invoke-url.html
 */
export async function continueIntoApi(
  walk: Walk,
  call: CallDeclaration,
  landing: RestLanding,
  method: string,
  path: string,
): Promise<void> {
  if (landing.kind !== 'execute-api') return;
  hop(walk, landing.from, endpointPlace(walk.view, landing.endpoint), landing.port, {
    egress: 'target-sg',
    ingress: 'endpoint-sg',
  });
  await enterRestApi(walk, call, {
    api: landing.apiIdHeader,
    endpoint: landing.endpoint,
    caller: 'anonymous',
    from: landing.from,
    method,
    path: landing.forwardPath ?? path,
    stageInPath: landing.forwardPath !== undefined,
  });
}
