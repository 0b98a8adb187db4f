/**
 * The raw `terraform show -json` format, typed for tests that assert on plan.json as Terraform
 * wrote it (the parts they read). Tools read it through the model in document.ts instead.
 */

export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly mode: 'managed' | 'data';
  readonly change: {
    readonly actions: readonly string[];
    readonly after: Record<string, unknown> | null;
    readonly after_unknown: Record<string, unknown>;
  };
}

export interface ConfigResource {
  readonly address: string;
  readonly type: string;
  readonly expressions: Record<string, unknown>;
}

export interface TerraformPlan {
  readonly format_version: string;
  readonly resource_changes: readonly ResourceChange[];
  readonly configuration: {
    readonly root_module: { readonly resources?: readonly ConfigResource[] };
  };
  readonly planned_values: {
    readonly outputs?: Record<string, { readonly value?: unknown; readonly sensitive: boolean }>;
  };
}
