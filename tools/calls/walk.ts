/**
 * Walks one declared call over a synthesized stack: client, DNS, network, security groups,
 * policies, method, authorization, integration and, behind a VPC link or a load balancer,
 * listener, target group, target security group and backend port. It never throws on a stack it
 * does not understand: the step says which resource it could not follow.
 */
import type { CallDeclaration } from '@apigw-private/constructs/calls/declaration';
import { CallResult, Stop } from './model';
import { pathHas, StackView } from './stack';
import { Walk } from './walk-state';
import { clientStep } from './rules/client';
import { dnsStep, endpointPlace } from './rules/dns';
import { hop } from './rules/hop';
import { httpIntegrationStep } from './rules/integrations';
import { serviceCall } from './rules/service';
import { throughLoadBalancer } from './rules/load-balancers';
import { continueIntoApi, enterRestApi } from './rules/rest-api';
import { httpRouteStep } from './rules/routing';
import { authorizationStep } from './rules/authorization';
import { signerOf } from './rules/identity';

async function walkCall(walk: Walk, call: CallDeclaration): Promise<void> {
  const view = walk.view;
  const source = clientStep(walk, call.from);
  if (call.dns.kind === 'aws-service') return serviceCall(walk, source, call.dns.service);
  const entry = dnsStep(walk, call, source);
  const signer = signerOf(walk, call, source);
  const caller = signer.caller;
  const identity = { identity: signer.policies, unreadable: signer.unreadable };
  if (entry.kind === 'endpoint') {
    hop(walk, source, endpointPlace(view, entry.endpoint), 443, {
      egress: 'client',
      ingress: 'endpoint-sg',
    });
    await enterRestApi(walk, call, {
      api: entry.api,
      endpoint: entry.endpoint,
      domain: entry.domain,
      caller,
      ...identity,
      from: source,
      method: call.method,
      path: call.path,
    });
    return;
  }
  if (entry.kind === 'load-balancer') {
    const landing = throughLoadBalancer(walk, entry.lb, 443, source, 'client');
    if (landing.kind !== 'execute-api') return;
    hop(walk, landing.from, endpointPlace(view, landing.endpoint), landing.port, {
      egress: 'target-sg',
      ingress: 'endpoint-sg',
    });
    await enterRestApi(walk, call, {
      endpoint: landing.endpoint,
      domain: entry.domain,
      caller,
      ...identity,
      from: landing.from,
      method: call.method,
      path: call.path,
    });
    return;
  }
  if (entry.api.type === 'aws_api_gateway_rest_api') {
    await enterRestApi(walk, call, {
      api: entry.api,
      caller,
      ...identity,
      from: source,
      method: call.method,
      path: call.path,
    });
    return;
  }
  const route = httpRouteStep(walk, entry.api, call.method, call.path);
  const authorizer = view.refs(route, 'authorizer_id', ['aws_apigatewayv2_authorizer'])[0];
  authorizationStep(walk, call, route, route.str('authorization_type') ?? 'NONE', authorizer);
  const landing = await httpIntegrationStep(walk, entry.api, route, call.path);
  await continueIntoApi(walk, call, landing, call.method, call.path);
}

function judge(call: CallDeclaration, result: Omit<CallResult, 'ok' | 'summary'>): CallResult {
  const expect = call.expect;
  const stop = result.stoppedAt;
  let ok: boolean;
  let outcome: string;
  if (stop) {
    outcome = `${stop.status === 'unknown' ? 'could not follow' : 'refused'} at ${stop.step}: ${stop.address}: ${stop.detail}`;
    ok = 'refusedAt' in expect && stop.status === 'fail' && stop.step === expect.refusedAt;
  } else {
    const backend = result.backend;
    outcome = backend ? `answered by ${backend.kind} ${backend.address}` : 'reached no backend';
    ok =
      'backend' in expect &&
      backend !== undefined &&
      (pathHas(backend.constructPath, expect.backend) || backend.address.includes(expect.backend));
  }
  const wanted =
    'backend' in expect
      ? `expected backend ${expect.backend}`
      : `expected refusal at ${expect.refusedAt}`;
  return { ...result, ok, summary: ok ? outcome : `${outcome} (${wanted})` };
}

/** Verifies one call; never throws. */
export async function verifyCall(view: StackView, call: CallDeclaration): Promise<CallResult> {
  const walk = new Walk(view);
  try {
    await walkCall(walk, call);
  } catch (error) {
    if (!(error instanceof Stop)) {
      walk.steps.push({
        step: walk.steps[walk.steps.length - 1]?.step ?? 'client',
        status: 'unknown',
        address: walk.steps[walk.steps.length - 1]?.address ?? view.stack,
        detail: `cannot follow: ${(error as Error).message}`,
      });
    }
  }
  const last = walk.steps[walk.steps.length - 1];
  const stoppedAt = last && last.status !== 'pass' ? last : undefined;
  return judge(call, {
    call,
    steps: walk.steps,
    backend: stoppedAt ? undefined : walk.backend,
    stoppedAt,
  });
}
