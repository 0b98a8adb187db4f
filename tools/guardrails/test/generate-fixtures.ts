/**
 * Regenerates the real plan fixtures of the guardrail tests:
 *
 *   tsx tools/guardrails/test/generate-fixtures.ts
 *
 * - fixtures/<name>.plan.json from the HCL configurations in fixtures/terraform/<name>/;
 * - fixtures/cdktf/suppressed/{cdk.tf.json,plan.json} from a small cdktf stack that records
 *   suppressions with `suppress()`.
 *
 * Each is planned offline (dummy credentials, -refresh=false) with terraform and the AWS provider
 * 5.100.0, found the way the plan runner finds it (a filesystem mirror, else a download). Needs
 * terraform on PATH. `tsx tools/guardrails/test/generate-fixtures.ts planted` regenerates only
 * the named HCL fixtures.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { findProviderSource, writeCliConfig } from '@apigw-private/tools/plan-runner/terraform';
import { suppress } from '../suppress';

const FIXTURES = join(__dirname, 'fixtures');
const work = mkdtempSync(join(tmpdir(), 'guardrails-fixtures-'));

/**
 * The plan runner's Terraform CLI configuration: the AWS provider from a filesystem mirror when
 * one is configured (APIGW_TF_PROVIDER_MIRROR) or found in a standard place, else downloaded.
 */
function terraformEnv(): NodeJS.ProcessEnv {
  const source = findProviderSource();
  console.log(
    `AWS provider: ${source.kind}${source.path ? ` ${source.path}` : ''} (${source.reason})`,
  );
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: writeCliConfig(source),
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
  };
}

/** terraform init + plan + show -json in `dir`; returns the plan JSON text. */
function plan(dir: string): string {
  const env = { ...terraformEnv(), TF_DATA_DIR: join(dir, '.terraform') };
  const run = (args: readonly string[]) =>
    execFileSync('terraform', [...args], {
      cwd: dir,
      env,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  run(['init', '-input=false', '-no-color']);
  run(['plan', '-refresh=false', '-input=false', '-no-color', '-out', 'plan.tfplan']);
  return run(['show', '-json', 'plan.tfplan']);
}

function writePretty(file: string, json: string): void {
  writeFileSync(file, `${JSON.stringify(JSON.parse(json), null, 2)}\n`);
}

function hclFixtures(only: readonly string[]): void {
  const sources = join(FIXTURES, 'terraform');
  for (const name of readdirSync(sources)) {
    if (only.length > 0 && !only.includes(name)) continue;
    const dir = join(work, name);
    cpSync(join(sources, name), dir, { recursive: true });
    writePretty(join(FIXTURES, `${name}.plan.json`), plan(dir));
    console.log(`fixtures/${name}.plan.json`);
  }
}

/** A resource of any type, with its attributes as given (snake_case), without provider bindings. */
class Resource extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    type: string,
    private readonly attributes: Record<string, unknown>,
  ) {
    super(scope, id, {
      terraformResourceType: type,
      terraformGeneratorMetadata: { providerName: 'aws' },
    });
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return this.attributes;
  }
}

class OfflineAws extends TerraformProvider {
  constructor(scope: Construct) {
    super(scope, 'aws', {
      terraformResourceType: 'aws',
      terraformGeneratorMetadata: { providerName: 'aws', providerVersion: '5.100.0' },
      terraformProviderSource: 'hashicorp/aws',
    });
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return {
      region: 'eu-west-1',
      access_key: 'offline',
      secret_key: 'offline',
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
    };
  }
}

/**
 * A stack whose findings are all suppressed or whose suppressions are wrong:
 * - aws_vpc.main with its flow log and default security group, referenced through tokens;
 * - aws_lb.test_nlb: deletion protection off, ELB-002 suppressed with a reason;
 * - log groups under the `audit` construct: LOGS-002 suppressed for the whole construct;
 * - aws_cloudwatch_log_group.no_reason: a suppression with an empty reason (hand-edited);
 * - aws_ecs_cluster.typo: a suppression of a rule that does not exist.
 */
class SuppressedStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new OfflineAws(this);
    // References written as cdktf tokens: JSON syntax reports them as constant_value templates.
    const vpc = new Resource(this, 'main', 'aws_vpc', {
      cidr_block: '10.50.0.0/16',
      enable_dns_support: true,
      enable_dns_hostnames: true,
    });
    new Resource(this, 'main_flow_log', 'aws_flow_log', {
      vpc_id: vpc.getStringAttribute('id'),
      traffic_type: 'ALL',
      log_destination_type: 's3',
      log_destination: 'arn:aws:s3:::guardrails-fixture-flow-logs',
    });
    new Resource(this, 'main_default', 'aws_default_security_group', {
      vpc_id: vpc.getStringAttribute('id'),
    });

    const lb = new Resource(this, 'test_nlb', 'aws_lb', {
      name: 'test-nlb',
      internal: true,
      load_balancer_type: 'network',
      subnets: ['subnet-0a1b2c3d4e5f60718', 'subnet-0a1b2c3d4e5f60719'],
      enable_cross_zone_load_balancing: true,
      enable_deletion_protection: false,
      access_logs: { bucket: 'guardrails-fixture-lb-logs', enabled: true },
    });
    suppress(lb, 'ELB-002', 'Ephemeral test stack: destroyed at the end of every pipeline run');

    const audit = new Construct(this, 'audit');
    for (const name of ['requests', 'errors']) {
      new Resource(audit, name, 'aws_cloudwatch_log_group', {
        name: `/test/${name}`,
        retention_in_days: 30,
      });
    }
    suppress(
      audit,
      'LOGS-002',
      'Test logs hold no customer data; service-managed encryption is enough',
    );

    const noReason = new Resource(this, 'no_reason', 'aws_cloudwatch_log_group', {
      name: '/test/no-reason',
      retention_in_days: 7,
    });
    // What a hand edit (or another tool) could leave behind; suppress() itself refuses it.
    noReason.addOverride('//.guardrails.suppressions.LOGS-002', '');

    const typo = new Resource(this, 'typo', 'aws_ecs_cluster', {
      name: 'typo',
      setting: [{ name: 'containerInsights', value: 'enabled' }],
    });
    typo.addOverride(
      '//.guardrails.suppressions.ECS-999',
      'Insights are billed per task; not needed for this test',
    );
  }
}

function cdktfFixture(): void {
  const outdir = join(work, 'cdktf.out');
  const app = new App({ outdir });
  new SuppressedStack(app, 'suppressed');
  app.synth();
  const stackDir = join(outdir, 'stacks', 'suppressed');
  const text = plan(stackDir);
  const target = join(FIXTURES, 'cdktf', 'suppressed');
  mkdirSync(target, { recursive: true });
  cpSync(join(stackDir, 'cdk.tf.json'), join(target, 'cdk.tf.json'));
  writePretty(join(target, 'plan.json'), text);
  console.log('fixtures/cdktf/suppressed/{cdk.tf.json,plan.json}');
}

try {
  const only = process.argv.slice(2);
  hclFixtures(only);
  if (only.length === 0) cdktfFixture();
  execFileSync('npx', ['prettier', '--log-level', 'warn', '--write', FIXTURES], {
    stdio: 'inherit',
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
