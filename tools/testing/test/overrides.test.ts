// The scan of documented APIGW__ overrides that each app's config test runs.
import { documentedOverrideFailures, documentedOverrides, ownerOf } from '../overrides';

describe('documented overrides', () => {
  test('finds the overrides of READMEs, docs pages and config comments, values unquoted', () => {
    const all = documentedOverrides();
    expect(all['multi-region']).toContainEqual({
      where: expect.stringMatching(/^apps\/multi-region\/src\/config\.ts:\d+$/),
      env: { APIGW__regions__west__weight: '0' },
    });
    expect(all['on-premises']).toContainEqual({
      where: expect.stringMatching(/^apps\/on-premises\/README\.md:\d+$/),
      env: { APIGW__stacks: '["vpn-vgw-bgp"]' },
    });
  });

  test('a line of a shared page belongs to the app it names, else to basic', () => {
    expect(ownerOf('apps/ecs-private/README.md')).toBe('ecs-private');
    expect(ownerOf('docs/on-premises.md')).toBe('on-premises');
    expect(
      ownerOf('README.md', ['as in apps/multi-region:', '`APIGW__regions__west__weight=0`'], 1),
    ).toBe('multi-region');
    expect(ownerOf('docs/pipelines.md', ['export APIGW__accountId=123456789012'], 0)).toBe('basic');
  });

  test('reports an override its app refuses, and one that does not set its field', () => {
    const refused = documentedOverrideFailures('multi-region', () => {
      throw new Error('multi-region config: 1 problem');
    });
    expect(refused[0]).toMatch(
      /^(README\.md|apps\/multi-region\/.*):\d+: multi-region config: 1 problem$/,
    );
    const ignored = documentedOverrideFailures('on-premises', () => ({
      stacks: ['vpn-vgw-static'],
    }));
    expect(ignored).toContainEqual(
      expect.stringMatching(
        /README\.md:\d+: APIGW__stacks=\["vpn-vgw-bgp"\] left stacks at \["vpn-vgw-static"\]$/,
      ),
    );
  });
});
