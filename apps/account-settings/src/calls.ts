// apps/account-settings serves no API: it owns the account-wide API Gateway settings the other
// apps log through. It documents no calls, and `npm run calls -- account-settings` says so.
import type { AppCalls } from '@apigw-private/constructs/calls/declaration';

const NO_CALLS: AppCalls = { app: 'account-settings', accounts: {}, calls: [] };

/** The calls the app's config documents: none. */
export function appCalls(): AppCalls {
  return NO_CALLS;
}

/** The calls the README and docs show: none. */
export function documentedCalls(): AppCalls {
  return NO_CALLS;
}
