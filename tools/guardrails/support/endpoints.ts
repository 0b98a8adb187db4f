import type { Plan, PlanResource } from '../engine/plan';

/** Interface endpoints for API Gateway: service name `com.amazonaws.<region>.execute-api`. */
export function executeApiEndpoints(plan: Plan): readonly PlanResource[] {
  return plan.ofType('aws_vpc_endpoint').filter((endpoint) => {
    const known = endpoint.str('service_name');
    const configured = endpoint.expression('service_name');
    const name =
      known ?? (typeof configured?.constant === 'string' ? configured.constant : undefined);
    return name !== undefined && name.endsWith('.execute-api');
  });
}
