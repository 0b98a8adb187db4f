import { ALLOWED_TLS_POLICIES } from '@apigw-private/constructs/load-balancing/tls-policies';

/**
 * TLS security policies the rules accept: TLS 1.2 as the minimum protocol version.
 */

/** Elastic Load Balancing security policies for HTTPS and TLS listeners (minimum TLS 1.2). */
export const ELB_TLS_POLICIES: readonly string[] = ALLOWED_TLS_POLICIES;

/**
 * Newer policies of the TLS 1.3 families that keep TLS 1.2 or 1.3 as their minimum (post-quantum
 * and FIPS variants published after this list) are accepted by name: the minimum version is part
 * of the name (`TLS13-1-2-...`: TLS 1.3 policy, minimum 1.2).
 */
const ELB_TLS13_FAMILY = /^ELBSecurityPolicy-TLS13-1-[23]-[A-Za-z0-9-]+$/;

export function isAllowedElbPolicy(name: string): boolean {
  return ELB_TLS_POLICIES.includes(name) || ELB_TLS13_FAMILY.test(name);
}

/** API Gateway custom domain security policies with minimum TLS 1.2. */
export const APIGW_TLS_POLICIES: readonly string[] = ['TLS_1_2'];

/** The enhanced policies (`SecurityPolicy_TLS13_1_2_2021_06`, ...) whose name says TLS 1.2 or 1.3 minimum. */
const APIGW_ENHANCED = /^SecurityPolicy_TLS1[23]_1_[23](_[A-Za-z0-9]+)*$/;

export function isAllowedApiGatewayPolicy(name: string): boolean {
  return APIGW_TLS_POLICIES.includes(name) || APIGW_ENHANCED.test(name);
}
