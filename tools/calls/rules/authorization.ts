/**
 * Method authorization. `AWS_IAM` needs a SigV4-signed call (an unsigned one gets 403 "Missing
 * Authentication Token"); a Lambda (CUSTOM) or Cognito authorizer needs its identity source,
 * usually the Authorization header (401 Unauthorized without it); a JWT authorizer of an HTTP API
 * needs a token in its identity sources.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/permissions.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
 */
import type { CallDeclaration } from '@apigw-private/constructs/calls/declaration';
import type { PlanResource } from '@apigw-private/tools/tfjson';
import type { Walk } from '../walk-state';

function hasHeader(call: CallDeclaration, name: string): boolean {
  return Object.keys(call.headers ?? {}).some((h) => h.toLowerCase() === name.toLowerCase());
}

/** Header names of identity sources (`method.request.header.X`, `$request.header.X`). */
function headersOf(sources: readonly string[]): string[] {
  return sources
    .flatMap((s) => s.split(','))
    .map((s) => /header\.(.+)$/.exec(s.trim())?.[1])
    .filter((h): h is string => h !== undefined);
}

export function authorizationStep(
  walk: Walk,
  call: CallDeclaration,
  method: PlanResource,
  type: string,
  authorizer: PlanResource | undefined,
  signedOk = call.signed,
): void {
  const view = walk.view;
  if (type === 'NONE' || type === '') {
    walk.pass('authorizer', method.address, 'no method authorization', 'API', 'API');
    return;
  }
  if (type === 'AWS_IAM') {
    if (!signedOk)
      walk.fail(
        'authorizer',
        method.address,
        'AWS_IAM authorization needs a SigV4-signed call; this one is unsigned (403 Missing Authentication Token)',
      );
    walk.pass('authorizer', method.address, 'AWS_IAM: the call is signed', 'API', 'API');
    return;
  }
  if (!authorizer)
    walk.unknown(
      'authorizer',
      method.address,
      `${type} authorization without an authorizer in the stack`,
    );
  const sources = [
    ...authorizer.strings('identity_source'),
    ...authorizer.strings('identity_sources'),
  ];
  const needed = headersOf(sources.length > 0 ? sources : ['method.request.header.Authorization']);
  const missing = needed.filter((h) => !hasHeader(call, h));
  if (missing.length > 0)
    walk.fail(
      'authorizer',
      authorizer.address,
      `${type} authorizer needs the ${missing.join(', ')} header (401 Unauthorized)`,
    );
  const fn = view.refs(authorizer, 'authorizer_uri', ['aws_lambda_function'])[0];
  walk.pass(
    'authorizer',
    authorizer.address,
    `${type} authorizer gets ${needed.join(', ')}${fn ? `; ${fn.address} decides on the token` : ''}`,
    'API',
    'API',
  );
}
