// Backend function behind a cross-account Lambda proxy integration: answers with what it saw,
// so a caller can check which API, stage and account the request came through.
export const handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    message: 'Hello from a Lambda function in another account',
    functionRegion: process.env.AWS_REGION,
    apiId: event.requestContext?.apiId,
    apiAccountId: event.requestContext?.accountId,
    stage: event.requestContext?.stage,
    path: event.path,
    sourceVpce: event.requestContext?.identity?.vpceId,
  }),
});
