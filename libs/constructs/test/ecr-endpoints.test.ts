import { containerImageEndpoints } from '../src/endpoints/ecr-endpoints';
import { synthObject, testNetwork, testStack } from './helpers';

type Statement = {
  sid: string;
  actions: string[];
  resources: string[];
  condition?: { test: string; variable: string; values: string[] }[];
};

function fixture(logGroup = true) {
  const stack = testStack();
  const network = testNetwork(stack);
  const endpoints = containerImageEndpoints(stack, {
    network,
    clientCidrs: [network.cidr],
    s3EndpointName: 'test-s3',
  });
  if (logGroup) endpoints.allowLogGroup('arn:aws:logs:us-east-1:111111111111:log-group:/ecs/app');
  return { stack, endpoints };
}

function policy(stack: ReturnType<typeof testStack>, id: string): Statement[] {
  const documents = synthObject(stack).data.aws_iam_policy_document as Record<
    string,
    { statement: Statement[] }
  >;
  return Object.entries(documents).find(([key]) => key.startsWith(id))![1].statement;
}

const THIS_ACCOUNT = [
  { test: 'StringEquals', variable: 'aws:PrincipalAccount', values: ['111111111111'] },
];

describe('containerImageEndpoints', () => {
  test('ecr.api, ecr.dkr and logs interface endpoints and an S3 gateway endpoint, under the IDs apps use', () => {
    const { stack } = fixture();
    const endpoints = synthObject(stack).resource.aws_vpc_endpoint;
    expect(
      Object.keys(endpoints)
        .map((key) => key.replace(/_[0-9A-F]{8}$/, ''))
        .sort(),
    ).toEqual([
      'ecr-api-endpoint_resource',
      'ecr-dkr-endpoint_resource',
      'logs-endpoint_resource',
      's3-endpoint',
    ]);
    for (const endpoint of Object.values(endpoints)) {
      expect(endpoint.policy).toMatch(/^\$\{data\.aws_iam_policy_document\..+\.json\}$/);
    }
  });

  test("ECR: pulls from this account's repositories, by principals of this account only", () => {
    const { stack } = fixture();
    for (const id of ['ecr-api-endpoint-policy', 'ecr-dkr-endpoint-policy']) {
      expect(policy(stack, id)).toEqual([
        expect.objectContaining({
          actions: [
            'ecr:BatchGetImage',
            'ecr:GetDownloadUrlForLayer',
            'ecr:BatchCheckLayerAvailability',
          ],
          resources: ['arn:aws:ecr:us-east-1:111111111111:repository/*'],
          condition: THIS_ACCOUNT,
        }),
        expect.objectContaining({
          actions: ['ecr:GetAuthorizationToken'],
          resources: ['*'],
          condition: THIS_ACCOUNT,
        }),
      ]);
    }
  });

  test('logs: only the log groups given, by principals of this account only', () => {
    const { stack } = fixture();
    expect(policy(stack, 'logs-endpoint-policy')).toEqual([
      expect.objectContaining({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [
          'arn:aws:logs:us-east-1:111111111111:log-group:/ecs/app',
          'arn:aws:logs:us-east-1:111111111111:log-group:/ecs/app:*',
        ],
        condition: THIS_ACCOUNT,
      }),
    ]);
  });

  test('S3: only the layer bucket ECR documents for the Region', () => {
    const { stack } = fixture();
    expect(policy(stack, 's3-endpoint-policy')).toEqual([
      expect.objectContaining({
        actions: ['s3:GetObject'],
        resources: ['arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*'],
      }),
    ]);
  });

  test('fails when no log group is allowed through the logs endpoint', () => {
    const { stack } = fixture(false);
    expect(() => synthObject(stack, true)).toThrow(
      /NoLogGroups: the logs endpoint of test lets no log group through/,
    );
  });
});
