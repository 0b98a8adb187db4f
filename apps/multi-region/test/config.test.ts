// Bad input for apps/multi-region: each case names the field, the value and what is allowed.
import { loadConfig } from '@apigw-private/constructs/config/load';
import { validationErrorOf } from '@apigw-private/constructs/errors';
import { documentedOverrideFailures } from '@apigw-private/tools/testing/overrides';
import { multiRegionConfigSchema } from '../src/config';

function load(env: Record<string, string> = {}) {
  return loadConfig({ app: 'multi-region', schema: multiRegionConfigSchema, env });
}

/** APIGW__regions for the default Regions with some fields changed (lists are replaced whole). */
function regions(
  changes: Record<string, Record<string, unknown>>,
  extra: Record<string, unknown>[] = [],
): Record<string, string> {
  const list = load().regions.map((r) => ({ ...r, ...(changes[r.name] ?? {}) }));
  return { APIGW__regions: JSON.stringify([...list, ...extra]) };
}

describe('multi-region config', () => {
  test('the defaults give two Regions, one certificate each, and all four stacks', () => {
    const config = load();
    const [east, west] = config.regions;
    expect(config.regions.map((r) => r.name)).toEqual(['east', 'west']);
    expect(east).toEqual(
      expect.objectContaining({ region: 'us-east-1', failover: 'PRIMARY', weight: 192 }),
    );
    expect(west).toEqual(
      expect.objectContaining({ region: 'us-west-2', failover: 'SECONDARY', weight: 64 }),
    );
    expect(east.certificateArn).toMatch(/^arn:aws:acm:us-east-1:/);
    expect(west.certificateArn).toMatch(/^arn:aws:acm:us-west-2:/);
    expect(config.stacks).toEqual(['failover-nlb', 'failover-alb', 'weighted-nlb', 'weighted-alb']);
  });

  test('fails when the same Region is given twice', () => {
    const error = validationErrorOf(() =>
      load(
        regions({
          west: {
            region: 'us-east-1',
            network: { vpcCidr: '10.31.0.0/16', azs: ['us-east-1a', 'us-east-1b'] },
            certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc',
          },
        }),
      ),
    );
    expect(error.codes).toEqual(['DuplicateRegion']);
    expect(error.message).toMatch(
      /DuplicateRegion: regions\[1\]\.region must differ from regions\[0\]\.region.*got "us-east-1"/,
    );
  });

  test('fails when a Region has no certificate', () => {
    const error = validationErrorOf(() => load(regions({ west: { certificateArn: undefined } })));
    expect(error.codes).toEqual(['MissingCertificate']);
    expect(error.message).toBe(
      "multi-region config: 1 problem\n  - MissingCertificate: regions[1].certificateArn is required: an ACM certificate ARN of Region us-west-2 for the Region's custom domain and load balancer, got nothing",
    );
  });

  test("fails when a Region's certificate is from another Region", () => {
    const error = validationErrorOf(() =>
      load(
        regions({ west: { certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc' } }),
      ),
    );
    expect(error.codes).toEqual(['CertificateOutsideRegion']);
    expect(error.message).toMatch(
      /CertificateOutsideRegion: regions\[1\]\.certificateArn must be a certificate of Region us-west-2.*us-east-1:111111111111/,
    );
  });

  test('fails when a weight is above 255', () => {
    const error = validationErrorOf(() => load(regions({ east: { weight: 300 } })));
    expect(error.codes).toEqual(['InvalidWeight']);
    expect(error.message).toMatch(
      /InvalidWeight: regions\[0\]\.weight must be a whole number from 0 to 255, got 300/,
    );
  });

  test('fails when a weight is below 0', () => {
    const error = validationErrorOf(() => load(regions({ west: { weight: -1 } })));
    expect(error.codes).toEqual(['InvalidWeight']);
    expect(error.message).toMatch(/InvalidWeight: regions\[1\]\.weight .*got -1/);
  });

  test('fails when every weight is 0', () => {
    const error = validationErrorOf(() =>
      load(regions({ east: { weight: 0 }, west: { weight: 0 } })),
    );
    expect(error.codes).toEqual(['AllWeightsZero']);
    expect(error.message).toMatch(
      /AllWeightsZero: regions\.\*\.weight must give at least one Region a weight above 0, got \{"east":0,"west":0\}/,
    );
  });

  test('weights are not checked when no weighted stack is built', () => {
    const config = load({
      ...regions({ east: { weight: 0 }, west: { weight: 0 } }),
      APIGW__stacks: '["failover-nlb"]',
    });
    expect(config.stacks).toEqual(['failover-nlb']);
  });

  test('fails when both Regions are PRIMARY', () => {
    const error = validationErrorOf(() => load(regions({ west: { failover: 'PRIMARY' } })));
    expect(error.codes).toEqual(['InvalidFailoverRoles']);
    expect(error.message).toMatch(
      /InvalidFailoverRoles: regions\.\*\.failover must give exactly one Region failover PRIMARY and one SECONDARY.*got \{"east":"PRIMARY","west":"PRIMARY"\}/,
    );
  });

  test('fails when a third Region joins a failover stack', () => {
    const error = validationErrorOf(() =>
      load(
        regions({}, [
          {
            name: 'eu',
            region: 'eu-west-1',
            network: { vpcCidr: '10.32.0.0/16', azs: ['eu-west-1a', 'eu-west-1b'] },
            certificateArn: 'arn:aws:acm:eu-west-1:111111111111:certificate/abc',
            weight: 10,
          },
        ]),
      ),
    );
    expect(error.codes).toEqual(['InvalidFailoverRoles']);
    expect(error.message).toMatch(/"eu":null/);
  });

  test('fails when VPC CIDRs overlap while peering is on', () => {
    const error = validationErrorOf(() =>
      load(
        regions({
          west: { network: { vpcCidr: '10.30.128.0/17', azs: ['us-west-2a', 'us-west-2b'] } },
        }),
      ),
    );
    expect(error.codes).toEqual(['OverlappingCidrs']);
    expect(error.message).toMatch(
      /OverlappingCidrs: regions\[1\]\.network\.vpcCidr must not overlap regions\[0\]\.network\.vpcCidr \(10\.30\.0\.0\/16, east\) while connectivity is vpc-peering, got "10\.30\.128\.0\/17"/,
    );
  });

  test('fails when VPC CIDRs overlap while Transit Gateway peering is on', () => {
    const error = validationErrorOf(() =>
      load({
        ...regions({
          west: { network: { vpcCidr: '10.30.0.0/16', azs: ['us-west-2a', 'us-west-2b'] } },
        }),
        APIGW__connectivity: 'tgw-peering',
      }),
    );
    expect(error.codes).toEqual(['OverlappingCidrs']);
    expect(error.message).toMatch(
      /regions\[1\]\.network\.vpcCidr .*while connectivity is tgw-peering, got "10\.30\.0\.0\/16"/,
    );
  });

  test('overlapping VPC CIDRs are accepted without peering', () => {
    const config = load({
      ...regions({
        west: { network: { vpcCidr: '10.30.0.0/16', azs: ['us-west-2a', 'us-west-2b'] } },
      }),
      APIGW__connectivity: 'none',
    });
    expect(config.regions[1].network.vpcCidr).toBe('10.30.0.0/16');
  });

  test('fails when only one Region is given', () => {
    const error = validationErrorOf(() =>
      load({ APIGW__regions: JSON.stringify(load().regions.slice(0, 1)) }),
    );
    expect(error.codes).toContain('TooFewRegions');
    expect(error.message).toMatch(
      /TooFewRegions: regions must name at least two Regions, got \["east"\]/,
    );
  });

  test('fails when two Regions share a name', () => {
    const error = validationErrorOf(() => load(regions({ west: { name: 'east' } })));
    expect(error.codes).toEqual(['DuplicateRegionName']);
    expect(error.message).toMatch(
      /DuplicateRegionName: regions\[1\]\.name must differ from regions\[0\]\.name, got "east"/,
    );
  });

  test('fails when an AZ lies outside its Region', () => {
    const error = validationErrorOf(() =>
      load(
        regions({
          west: { network: { vpcCidr: '10.31.0.0/16', azs: ['us-west-2a', 'us-east-1b'] } },
        }),
      ),
    );
    expect(error.codes).toEqual(['AvailabilityZoneOutsideRegion']);
    expect(error.message).toMatch(/regions\[1\]\.network\.azs\[1\] .*us-west-2.*got "us-east-1b"/);
  });

  test('every override the docs show loads and sets its field', () => {
    expect(
      documentedOverrideFailures('multi-region', (env) =>
        loadConfig({ app: 'multi-region', schema: multiRegionConfigSchema, env }),
      ),
    ).toEqual([]);
  });

  test('APIGW__regions__west__weight=0 sets the weight of that Region only', () => {
    const config = load({ APIGW__regions__west__weight: '0' });
    expect(config.regions.map((r) => [r.name, r.weight])).toEqual([
      ['east', 192],
      ['west', 0],
    ]);
  });

  test('fails when an override names no Region', () => {
    const error = validationErrorOf(() => load({ APIGW__regions__south__weight: '0' }));
    expect(error.message).toBe(
      'multi-region config: 1 problem\n  - UnknownListItem: regions.south must name an item of regions by its name (east, west) or its index (0-1), got {"weight":0}',
    );
  });
});
