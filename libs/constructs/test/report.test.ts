// buildReportingProblems: every problem of the config and of every construct in one error, each
// under the config path that fed it, with the construct's own path kept as the detail.
import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { buildReportingProblems } from '../src/app/report';
import { loadConfig } from '../src/config/load';
import { clientCidrs } from '../src/config/schema';
import { fromConfig } from '../src/config/trace';
import { Problems, ValidationError, validationErrorOf } from '../src/errors';

/** A construct with one check per prop, like the library's. */
class Checked extends Construct {
  constructor(scope: Construct, id: string, props: { name: string; cidrs: string[] }) {
    super(scope, id);
    const problems = new Problems(`Checked ${this.node.path}`);
    problems.check(
      props.name.split('.').length >= 3,
      'InvalidName',
      'props.name',
      props.name,
      'must be a name of three labels or more',
    );
    props.cidrs.forEach((cidr, i) =>
      problems.check(
        !cidr.startsWith('10.9.'),
        'ReservedCidr',
        `props.cidrs[${i}]`,
        cidr,
        'must not be in 10.9.0.0/16',
      ),
    );
    problems.throwIfAny();
  }
}

const schema = z.strictObject({
  zone: z.string().default('example.com'),
  clients: clientCidrs().default(['10.1.0.0/16']),
  count: z.number().int().min(1).default(1),
});

function report(env: Record<string, string>, extra?: (scope: Construct) => void): ValidationError {
  const app = Testing.app();
  return validationErrorOf(() =>
    buildReportingProblems(app, (scope) => {
      const config = loadConfig({ app: 'demo', schema, env });
      for (const id of ['one', 'two']) {
        new Checked(scope, id, {
          // Derived from zone: tagged, so a problem in it is reported under `zone`.
          name: fromConfig(`${id}.${config.zone}`, 'zone'),
          cidrs: ['10.0.0.0/16', ...config.clients],
        });
      }
      extra?.(scope);
    }),
  );
}

describe('buildReportingProblems', () => {
  test('returns when config and constructs are sound', () => {
    const app = Testing.app();
    expect(() =>
      buildReportingProblems(app, (scope) => {
        loadConfig({ app: 'demo', schema, env: {} });
        new Checked(scope, 'one', { name: 'a.example.com', cidrs: [] });
      }),
    ).not.toThrow();
  });

  test('maps problems of every construct to config paths, once per field', () => {
    const error = report({ APIGW__zone: 'x', APIGW__clients: '["10.9.0.0/24"]' });
    expect(error.message).toBe(
      [
        'demo config: 2 problems',
        '  - InvalidName: zone must be a name of three labels or more, got "x"',
        '      found by Checked one at props.name ("one.x"), and by 1 more',
        '  - ReservedCidr: clients[0] must not be in 10.9.0.0/16, got "10.9.0.0/24"',
        '      found by Checked one at props.cidrs[1], and by 1 more',
      ].join('\n'),
    );
  });

  test('a config problem and construct problems come in the same report', () => {
    const error = report({ APIGW__zone: 'x', APIGW__count: '0' });
    expect(error.message).toBe(
      [
        'demo config: 2 problems',
        '  - TooSmall: count Too small: expected number to be >=1, got 0',
        '  - InvalidName: zone must be a name of three labels or more, got "x"',
        '      found by Checked one at props.name ("one.x"), and by 1 more',
      ].join('\n'),
    );
  });

  test('a value held by several named list items maps to the item the construct is built for', () => {
    const sites = z.strictObject({
      sites: z.array(z.strictObject({ name: z.string(), bits: z.number() })).default([
        { name: 'east', bits: 4 },
        { name: 'west', bits: 4 },
      ]),
    });
    const app = Testing.app();
    const error = validationErrorOf(() =>
      buildReportingProblems(app, (scope) => {
        const config = loadConfig({ app: 'sites', schema: sites, env: {} });
        for (const site of config.sites) {
          const problems = new Problems(`Site ${new Construct(scope, site.name).node.path}`);
          problems.check(site.name === 'east', 'TooFewBits', 'props.bits', site.bits, 'must be 5');
          problems.throwIfAny();
        }
      }),
    );
    expect(error.message).toBe(
      'sites config: 1 problem\n  - TooFewBits: sites[1].bits must be 5, got 4\n      found by Site west at props.bits',
    );
  });

  test('a bad field with no default to fall back on stops at the config problems', () => {
    const required = z.strictObject({ owner: z.string().min(3) });
    const app = Testing.app();
    let built = false;
    const error = validationErrorOf(() =>
      buildReportingProblems(app, () => {
        loadConfig({ app: 'owned', schema: required, env: { APIGW__owner: 'x' } });
        built = true;
      }),
    );
    expect(built).toBe(false);
    expect(error.message).toBe(
      'owned config: 1 problem\n  - TooSmall: owner Too small: expected string to have >=3 characters, got "x"',
    );
  });

  test('a problem no config field explains keeps the construct path', () => {
    const error = report({}, (scope) => new Checked(scope, 'fixed', { name: 'nodots', cidrs: [] }));
    expect(error.message).toBe(
      [
        'demo config: 1 problem',
        '  - InvalidName: props.name must be a name of three labels or more, got "nodots"',
        '      found by Checked fixed',
      ].join('\n'),
    );
  });

  test('construct validations join the report', () => {
    const error = report({}, (scope) => {
      const empty = new Construct(scope, 'empty');
      empty.node.addValidation({ validate: () => ['NoRoutes: HttpApi empty has no routes'] });
    });
    expect(error.message).toBe(
      [
        'demo config: 1 problem',
        '  - NoRoutes: empty HttpApi empty has no routes, got nothing',
      ].join('\n'),
    );
  });

  test('a build that breaks after problems reports them and where it stopped', () => {
    const error = report({ APIGW__zone: 'x' }, () => {
      throw new Error('cidrSubnet: cannot carve subnet 4 of /30 from 10.0.0.0/28');
    });
    expect(error.message).toBe(
      [
        'demo config: 2 problems',
        '  - InvalidName: zone must be a name of three labels or more, got "x"',
        '      found by Checked one at props.name ("one.x"), and by 1 more',
        '  - BuildStopped: (build) stopped after the problems above; fix them and run again to see any others, got "cidrSubnet: cannot carve subnet 4 of /30 from 10.0.0.0/28"',
      ].join('\n'),
    );
  });

  test('a build that breaks without problems throws its own error', () => {
    const app = Testing.app();
    expect(() =>
      buildReportingProblems(app, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
  });

  test('outside a report build, a construct throws its problems at once', () => {
    const error = validationErrorOf(
      () => new Checked(Testing.app(), 'alone', { name: 'x', cidrs: [] }),
    );
    expect(error.message).toBe(
      'Checked alone: 1 problem\n  - InvalidName: props.name must be a name of three labels or more, got "x"',
    );
  });
});
