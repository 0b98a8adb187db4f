// Lambda authorizer (TOKEN or REQUEST) for a REST API front door.
//
// It accepts `Authorization: Bearer <token>` when the SHA-256 of <token> equals TOKEN_SHA256
// (hex). Only the hash is deployed, never the token. With no hash configured it refuses every
// request, so a fresh deployment is closed until an operator sets one. Replace this check with
// your identity provider's (JWT signature and claims) for production use.
import { createHash, timingSafeEqual } from 'node:crypto';

const expected = (process.env.TOKEN_SHA256 ?? '').toLowerCase();

function headerValue(headers, name) {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function tokenOf(event) {
  const raw =
    event.type === 'TOKEN' ? event.authorizationToken : headerValue(event.headers, 'authorization');
  const match = /^Bearer\s+(\S+)$/i.exec(raw ?? '');
  return match ? match[1] : undefined;
}

function matches(token) {
  if (!/^[0-9a-f]{64}$/.test(expected) || token === undefined) return false;
  const actual = createHash('sha256').update(token).digest();
  return timingSafeEqual(actual, Buffer.from(expected, 'hex'));
}

/** The stage-wide ARN, so one cached decision covers every method of the stage. */
function stageArn(methodArn) {
  const [prefix, stage] = methodArn.split('/');
  return `${prefix}/${stage}/*`;
}

export const handler = async (event) => {
  const token = tokenOf(event);
  if (!matches(token)) {
    // API Gateway answers 401 Unauthorized for this exact message.
    throw new Error('Unauthorized');
  }
  return {
    principalId: 'bearer-token',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: stageArn(event.methodArn) },
      ],
    },
    context: { authorizedBy: 'apigw-private-reference-authorizer' },
  };
};
