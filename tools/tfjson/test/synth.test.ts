import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { parseSynth, readStack, readStacks, stackNames, templateReferences } from '..';

function synthesized(): Record<string, unknown> {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'demo');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const peer = new AwsProvider(stack, 'peer', { region: 'eu-west-1', alias: 'peer' });
  const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16', tags: { Name: 'demo' } });
  const group = new SecurityGroup(stack, 'endpoint-sg', {
    vpcId: vpc.id,
    ingress: [{ fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: [vpc.cidrBlock] }],
  });
  new VpcEndpoint(stack, 'endpoint', {
    provider: peer,
    vpcId: vpc.id,
    serviceName: 'com.amazonaws.eu-west-1.execute-api',
    securityGroupIds: [group.id],
    dnsOptions: { dnsRecordIpType: 'ipv4' },
  });
  new TerraformOutput(stack, 'endpoint-sg-id', { value: group.id });
  app.synth();
  const file = join(app.outdir, 'stacks', 'demo', 'cdk.tf.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

describe('parseSynth', () => {
  const plan = parseSynth(synthesized(), { stack: 'demo' });
  const [vpc] = plan.ofType('aws_vpc');
  const [group] = plan.ofType('aws_security_group');
  const [endpoint] = plan.ofType('aws_vpc_endpoint');

  it('knows literal values and leaves templates unknown until apply', () => {
    expect(vpc.str('cidr_block')).toBe('10.0.0.0/16');
    expect(group.isUnknown('vpc_id')).toBe(true);
    expect(group.value('vpc_id')).toBeUndefined();
  });

  it('reads maps as values and nested blocks as lists, as plans show them', () => {
    expect(vpc.value('tags')).toEqual({ Name: 'demo' });
    expect(vpc.tag('name')).toBe('demo');
    expect(group.num('ingress.0.from_port')).toBe(443);
    expect(endpoint.str('dns_options.0.dns_record_ip_type')).toBe('ipv4');
  });

  it('keeps the written template of a value known only after apply', () => {
    expect(group.expression('vpc_id')?.template).toBe('${aws_vpc.vpc.id}');
    expect(group.expression('ingress.0.cidr_blocks')?.template).toEqual([
      '${aws_vpc.vpc.cidr_block}',
    ]);
    expect(vpc.expression('cidr_block')?.template).toBeUndefined();
  });

  it('resolves references to the resources they name, inside blocks too', () => {
    expect(plan.referenced(group, 'vpc_id')).toEqual([vpc]);
    expect(plan.referenced(endpoint, 'security_group_ids')).toEqual([group]);
    expect(plan.referenced(group, 'ingress.0.cidr_blocks')).toEqual([vpc]);
    expect(plan.links(endpoint, 'vpc_id', vpc)).toBe(true);
    expect(plan.referrers(vpc, 'aws_security_group', 'vpc_id')).toEqual([group]);
  });

  it('names the construct path and the provider of each resource', () => {
    expect(endpoint.constructPath).toBe('demo/endpoint');
    expect(endpoint.providerKey).toBe('aws.peer');
    expect(vpc.providerKey).toBe('aws');
    expect(plan.providers().get('aws.peer')?.region).toBe('eu-west-1');
    expect(plan.providers().get('aws')?.region).toBe('us-east-1');
  });

  it('fails on input that is not cdktf output', () => {
    expect(() => parseSynth('nope', { stack: 'x' })).toThrow(
      /^InvalidSynth: x is not cdktf output/,
    );
  });
});

describe('templateReferences', () => {
  it('reports the traversal and its resource, as terraform does', () => {
    expect(templateReferences('${aws_vpc.main.id}')).toEqual(['aws_vpc.main.id', 'aws_vpc.main']);
    expect(templateReferences('${data.aws_iam_policy_document.p.json}')).toEqual([
      'data.aws_iam_policy_document.p.json',
      'data.aws_iam_policy_document.p',
    ]);
  });

  it('skips function names, string literals and plain text', () => {
    expect(templateReferences('${element(tolist(aws_vpc_endpoint.e.dns_entry), 0)}')).toEqual([
      'aws_vpc_endpoint.e.dns_entry',
      'aws_vpc_endpoint.e',
    ]);
    expect(templateReferences('${replace("a.b_c.d", ".", "-")}')).toEqual([]);
    expect(templateReferences('arn:aws:execute-api:us-east-1:111111111111:abc/*')).toEqual([]);
  });
});

describe('readStack', () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'tfjson-'));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it('reads every stack of a cdktf output folder, with plan.json when it is there', () => {
    mkdirSync(join(out, 'stacks', 'b'), { recursive: true });
    mkdirSync(join(out, 'stacks', 'a'), { recursive: true });
    mkdirSync(join(out, 'stacks', 'not-a-stack'), { recursive: true });
    writeFileSync(join(out, 'stacks', 'a', 'cdk.tf.json'), JSON.stringify(synthesized()));
    writeFileSync(join(out, 'stacks', 'b', 'cdk.tf.json'), JSON.stringify(synthesized()));
    writeFileSync(
      join(out, 'stacks', 'b', 'plan.json'),
      JSON.stringify({ format_version: '1.2', resource_changes: [] }),
    );
    expect(stackNames(out)).toEqual(['a', 'b']);
    const [a, b] = readStacks(out, 'demo/');
    expect(a.plan).toBeUndefined();
    expect(a.synth.source.stack).toBe('demo/a');
    expect(a.synth.ofType('aws_vpc')).toHaveLength(1);
    expect(b.plan?.formatVersion).toBe('1.2');
    expect(readStack(out, 'b', 'demo/b', { withPlan: false }).plan).toBeUndefined();
    expect(b.plan?.constructPathOf('aws_vpc.vpc')).toBe('demo/vpc');
  });

  it('fails with what to do when the stack was not synthesized', () => {
    expect(() => readStack(out, 'missing')).toThrow(
      /^MissingSynth: .*missing\/cdk.tf.json does not exist; synthesize the app first$/,
    );
  });

  it('names the file when it is not JSON', () => {
    mkdirSync(join(out, 'stacks', 'a'), { recursive: true });
    writeFileSync(join(out, 'stacks', 'a', 'cdk.tf.json'), '{');
    expect(() => readStack(out, 'a')).toThrow(/^InvalidJson: cannot read .*a\/cdk.tf.json/);
  });
});
