/** Checks declared calls before walking them: one error naming every bad field. */
import {
  CALL_STEPS,
  type AppCalls,
  type CallDeclaration,
} from '@apigw-private/constructs/calls/declaration';
import { parseCidr } from '@apigw-private/constructs/config/cidr';

export function validateCalls(
  declared: AppCalls,
  stacks: readonly string[],
): readonly CallDeclaration[] {
  const problems: string[] = [];
  const names = new Set<string>();
  declared.calls.forEach((call, i) => {
    const at = `calls[${i}]`;
    if (!/^[a-z0-9][a-z0-9-]*$/.test(call.name))
      problems.push(
        `${at}.name: ${JSON.stringify(call.name)} must be lower-case words joined by hyphens`,
      );
    if (names.has(call.name))
      problems.push(`${at}.name: ${JSON.stringify(call.name)} is declared twice`);
    names.add(call.name);
    if (!stacks.includes(call.stack))
      problems.push(
        `${at}.stack: ${JSON.stringify(call.stack)} is not a synthesized stack (${stacks.join(', ') || 'none found'})`,
      );
    if (!call.path.startsWith('/'))
      problems.push(`${at}.path: ${JSON.stringify(call.path)} must start with /`);
    if (!/^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/.test(call.method))
      problems.push(
        `${at}.method: ${JSON.stringify(call.method)} must be an HTTP method in capitals`,
      );
    if ('cidr' in call.from && !parseCidr(call.from.cidr))
      problems.push(`${at}.from.cidr: ${JSON.stringify(call.from.cidr)} is not an IPv4 CIDR`);
    if (
      'refusedAt' in call.expect &&
      !(CALL_STEPS as readonly string[]).includes(call.expect.refusedAt)
    )
      problems.push(
        `${at}.expect.refusedAt: ${JSON.stringify(call.expect.refusedAt)} must be one of ${CALL_STEPS.join(', ')}`,
      );
  });
  const accounts: [string, string][] = [
    ...Object.entries(declared.accounts).map(([k, v]): [string, string] => [`accounts.${k}`, v]),
    ...Object.entries(declared.stackAccounts ?? {}).flatMap(([stack, byKey]) =>
      Object.entries(byKey).map(([k, v]): [string, string] => [`stackAccounts.${stack}.${k}`, v]),
    ),
  ];
  for (const [path, account] of accounts)
    if (!/^\d{12}$/.test(account))
      problems.push(`${path}: ${JSON.stringify(account)} must be 12 digits`);
  if (problems.length > 0)
    throw new Error(`InvalidCalls: ${declared.app}:\n  ${problems.join('\n  ')}`);
  return declared.calls;
}
