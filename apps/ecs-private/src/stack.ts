import type { Construct } from 'constructs';
import type { Variant } from './config';
import type { EcsPrivateStack, EcsPrivateStackProps } from './ecs-stack';
import { HttpAlbStack, HttpCloudMapStack, HttpNlbStack } from './http-variants';
import { RestNlbAlbStack, RestNlbStack } from './rest-variants';

export type { EcsPrivateStackProps } from './ecs-stack';

/** The stack class of each variant; its ID is the variant's STACK_IDS entry. */
export const VARIANT_STACKS: Record<
  Variant,
  new (scope: Construct, props: EcsPrivateStackProps) => EcsPrivateStack
> = {
  restNlb: RestNlbStack,
  restNlbAlb: RestNlbAlbStack,
  httpAlb: HttpAlbStack,
  httpNlb: HttpNlbStack,
  httpCloudMap: HttpCloudMapStack,
};
