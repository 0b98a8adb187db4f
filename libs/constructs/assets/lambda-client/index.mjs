// Test client for a private REST API, run inside the VPC. It calls the API through one of the
// three DNS options and signs the request with SigV4 when the API uses IAM authorization.
// Event: { "dns": "private" | "alias" | "endpoint", "path": "/hello" } (both optional).
import { createHash, createHmac } from 'node:crypto';

const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const hmac = (key, data) => createHmac('sha256', key).update(data).digest();

function sign({ method, host, path, headers, body, region }) {
  const now = new Date().toISOString().replace(/[:-]|\.\d{3}/g, '');
  const date = now.slice(0, 8);
  const signed = { ...headers, host, 'x-amz-date': now };
  if (process.env.AWS_SESSION_TOKEN) signed['x-amz-security-token'] = process.env.AWS_SESSION_TOKEN;
  const names = Object.keys(signed).map((n) => n.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(signed).map(([k, v]) => [k.toLowerCase(), String(v).trim()]));
  const canonical = [method, path, '', ...names.map((n) => `${n}:${lower[n]}`), '', names.join(';'), sha256(body)].join('\n');
  const scope = `${date}/${region}/execute-api/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', now, scope, sha256(canonical)].join('\n');
  let key = hmac(`AWS4${process.env.AWS_SECRET_ACCESS_KEY}`, date);
  for (const part of [region, 'execute-api', 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return {
    ...signed,
    authorization: `AWS4-HMAC-SHA256 Credential=${process.env.AWS_ACCESS_KEY_ID}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

export async function handler(event = {}) {
  const { API_ID, ENDPOINT_ID, ENDPOINT_DNS, STAGE, SIGN_REQUESTS, AWS_REGION } = process.env;
  const dns = event.dns ?? (process.env.PRIVATE_DNS === 'true' ? 'private' : 'alias');
  const path = `/${STAGE}${event.path ?? '/hello'}`;
  const hosts = {
    private: `${API_ID}.execute-api.${AWS_REGION}.amazonaws.com`,
    alias: `${API_ID}-${ENDPOINT_ID}.execute-api.${AWS_REGION}.amazonaws.com`,
    endpoint: ENDPOINT_DNS,
  };
  const host = hosts[dns];
  if (!host) throw new Error(`dns must be one of ${Object.keys(hosts).join(', ')}`);
  const headers = dns === 'endpoint' ? { 'x-apigw-api-id': API_ID } : {};
  const request = { method: 'GET', host, path, headers, body: '', region: AWS_REGION };
  // fetch sets Host from the URL itself; it is signed above but not sent twice.
  const { host: _signedHost, ...sent } = SIGN_REQUESTS === 'true' ? sign(request) : { ...headers };
  const response = await fetch(`https://${host}${path}`, { method: 'GET', headers: sent });
  return { dns, url: `https://${host}${path}`, status: response.status, body: await response.text() };
}
