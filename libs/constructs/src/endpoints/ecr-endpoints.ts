import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Lazy } from 'cdktf';
import type { Construct } from 'constructs';
import { targetOf } from '../app/account-scope';
import type { Network } from '../network/network';
import { InterfaceEndpoint } from './interface-endpoint';

export interface ContainerImageEndpointsProps {
  readonly network: Network;
  /** Networks whose tasks use the interface endpoints (443 is opened to them only). */
  readonly clientCidrs: readonly string[];
  /**
   * Whether tasks pull through an ECR pull-through cache rule, which needs
   * ecr:BatchImportUpstreamImage and ecr:CreateRepository through the ecr.api endpoint.
   * @default false
   */
  readonly pullThroughCache?: boolean;
  /** The Name tag of the S3 gateway endpoint. */
  readonly s3EndpointName: string;
}

export interface ContainerImageEndpoints {
  readonly ecrApi: InterfaceEndpoint;
  readonly ecrDkr: InterfaceEndpoint;
  readonly logs: InterfaceEndpoint;
  readonly s3: VpcEndpoint;
  /** Every endpoint, for the tasks' depends_on. */
  readonly all: readonly (VpcEndpoint | InterfaceEndpoint['resource'])[];
  /** Lets the tasks write to this log group (by ARN) through the logs endpoint. */
  allowLogGroup(arn: string): void;
}

/** ECR actions of an image pull, and of a pull through a cache rule. */
const PULL = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'];
const PULL_THROUGH_CACHE = ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository'];

/**
 * The endpoints ECS tasks need to pull images and ship logs in a VPC without internet access:
 * interface endpoints for ecr.api, ecr.dkr and logs, and an S3 gateway endpoint for the image
 * layers (https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html). Each has a
 * least-privilege endpoint policy:
 * - ecr.api and ecr.dkr: principals of this account only, pulling from this account's
 *   repositories (ecr:GetAuthorizationToken takes no resource, so only the principal is narrowed);
 * - logs: principals of this account only, writing to the log groups given to `allowLogGroup`;
 * - S3: reading the layer bucket ECR documents, `prod-<region>-starport-layer-bucket`, only.
 *
 * The endpoints get the IDs `ecr-api-endpoint`, `ecr-dkr-endpoint`, `logs-endpoint` and
 * `s3-endpoint` in `scope`, the IDs the apps have always used.
 */
export function containerImageEndpoints(
  scope: Construct,
  props: ContainerImageEndpointsProps,
): ContainerImageEndpoints {
  const { accountId, region } = targetOf(scope);
  const thisAccount = [
    { test: 'StringEquals', variable: 'aws:PrincipalAccount', values: [accountId] },
  ];
  const everyone = [{ type: '*', identifiers: ['*'] }];
  const ecrPolicy = (service: string) =>
    new DataAwsIamPolicyDocument(scope, `${service}-endpoint-policy`, {
      statement: [
        {
          sid: 'PullFromThisAccount',
          effect: 'Allow',
          principals: everyone,
          actions: [...PULL, ...(props.pullThroughCache ? PULL_THROUGH_CACHE : [])],
          resources: [`arn:aws:ecr:${region}:${accountId}:repository/*`],
          condition: thisAccount,
        },
        {
          sid: 'AuthorizationTokenForThisAccount',
          effect: 'Allow',
          principals: everyone,
          actions: ['ecr:GetAuthorizationToken'],
          resources: ['*'],
          condition: thisAccount,
        },
      ],
    }).json;
  const logGroups: string[] = [];
  const logsPolicy = new DataAwsIamPolicyDocument(scope, 'logs-endpoint-policy', {
    statement: [
      {
        sid: 'WriteOwnLogGroups',
        effect: 'Allow',
        principals: everyone,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: Lazy.listValue({
          produce: () => logGroups.flatMap((arn) => [arn, `${arn}:*`]),
        }),
        condition: thisAccount,
      },
    ],
  });
  scope.node.addValidation({
    validate: () =>
      logGroups.length === 0
        ? [
            `NoLogGroups: the logs endpoint of ${scope.node.path} lets no log group through; call allowLogGroup with the tasks' log group`,
          ]
        : [],
  });
  const endpoint = (service: string, policy: string) =>
    new InterfaceEndpoint(scope, `${service.replace('.', '-')}-endpoint`, {
      network: props.network,
      service,
      clientCidrs: props.clientCidrs,
      privateDns: true,
      policy,
    });
  const ecrApi = endpoint('ecr.api', ecrPolicy('ecr-api'));
  const ecrDkr = endpoint('ecr.dkr', ecrPolicy('ecr-dkr'));
  const logs = endpoint('logs', logsPolicy.json);
  const layers = new DataAwsIamPolicyDocument(scope, 's3-endpoint-policy', {
    statement: [
      {
        sid: 'EcrImageLayersOnly',
        effect: 'Allow',
        principals: everyone,
        actions: ['s3:GetObject'],
        resources: [`arn:aws:s3:::prod-${region}-starport-layer-bucket/*`],
      },
    ],
  });
  const s3 = new VpcEndpoint(scope, 's3-endpoint', {
    vpcId: props.network.vpc.id,
    serviceName: `com.amazonaws.${region}.s3`,
    vpcEndpointType: 'Gateway',
    routeTableIds: Object.values(props.network.routeTables).map((t) => t.id),
    policy: layers.json,
    tags: { Name: props.s3EndpointName },
  });
  return {
    ecrApi,
    ecrDkr,
    logs,
    s3,
    all: [ecrApi.resource, ecrDkr.resource, logs.resource, s3],
    allowLogGroup: (arn) => {
      logGroups.push(arn);
    },
  };
}
