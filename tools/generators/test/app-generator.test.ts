// The app generator on an in-memory tree: the files it writes, what they are filled with, and one
// clear error per bad option.
import { addProjectConfiguration } from 'nx/src/devkit-exports';
import type { Tree } from 'nx/src/devkit-exports';
import { createTreeWithEmptyWorkspace } from 'nx/src/devkit-testing-exports';
import { ValidationError } from '@apigw-private/constructs/errors';
import { blocksOf } from '@apigw-private/tools/diagrams/docs';
import { AppGeneratorSchema, appGenerator, fillTemplate, normalizeOptions } from '../app/generator';

let tree: Tree;

beforeEach(() => {
  tree = createTreeWithEmptyWorkspace();
});

const read = (path: string) => tree.read(path, 'utf-8') ?? '';
const errorOf = (options: AppGeneratorSchema) => {
  try {
    normalizeOptions(tree, options);
  } catch (error) {
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
};

describe('app generator', () => {
  test('writes an app wired like apps/basic: project, cdktf, jest, tsconfig, source, tests, README', () => {
    appGenerator(tree, { name: 'orders-api' });
    expect(tree.children('apps/orders-api').sort()).toEqual([
      'README.md',
      'cdktf.json',
      'jest.config.js',
      'project.json',
      'src',
      'test',
      'tsconfig.json',
    ]);
    expect(tree.children('apps/orders-api/src').sort()).toEqual([
      'calls.ts',
      'config.ts',
      'main.ts',
      'stack.ts',
    ]);
    expect(tree.children('apps/orders-api/test').sort()).toEqual([
      'calls.test.ts',
      'config.test.ts',
      'plan.test.ts',
    ]);
    const project = JSON.parse(read('apps/orders-api/project.json'));
    expect(project).toEqual(
      expect.objectContaining({
        name: 'orders-api',
        projectType: 'application',
        tags: ['type:app', 'scope:orders-api'],
        implicitDependencies: ['constructs'],
        targets: { synth: {}, plan: {}, test: {}, lint: {} },
      }),
    );
    expect(JSON.parse(read('apps/orders-api/cdktf.json')).app).toBe(
      'node ../../tools/plan-runner/run-app.js',
    );
    expect(read('apps/orders-api/jest.config.js')).toContain("displayName: 'orders-api'");
  });

  test('fills names and defaults into the source, with nothing left unfilled', () => {
    appGenerator(tree, {
      name: 'orders-api',
      region: 'eu-west-1',
      vpcCidr: '10.40.0.0/16',
      accountId: '123456789012',
    });
    const config = read('apps/orders-api/src/config.ts');
    expect(config).toContain('export const ordersApiConfigSchema');
    expect(config).toContain(
      "...singleTargetFields({ accountId: '123456789012', region: 'eu-west-1' })",
    );
    expect(config).toContain(
      "network: networkSchema.prefault({ vpcCidr: '10.40.0.0/16', azs: ['eu-west-1a', 'eu-west-1b'] })",
    );
    expect(read('apps/orders-api/src/stack.ts')).toContain(
      'export class OrdersApiStack extends ReferenceStack',
    );
    expect(read('apps/orders-api/src/main.ts')).toContain("new OrdersApiStack(app, 'orders-api'");
    expect(read('apps/orders-api/test/plan.test.ts')).toContain(
      "'com.amazonaws.eu-west-1.execute-api'",
    );
    expect(read('apps/orders-api/src/calls.ts')).toContain(
      'export function ordersApiCalls(config: OrdersApiConfig): AppCalls',
    );
    expect(read('apps/orders-api/test/calls.test.ts')).toContain(
      "describeAppCalls('orders-api', calls,",
    );
    for (const file of [
      'src/calls.ts',
      'test/calls.test.ts',
      'src/config.ts',
      'src/stack.ts',
      'src/main.ts',
      'test/plan.test.ts',
      'test/config.test.ts',
      'README.md',
    ]) {
      expect(read(`apps/orders-api/${file}`)).not.toMatch(/<%|%>/);
    }
  });

  test('the plan test runs the guardrails over every stack and refuses Terraform warnings', () => {
    appGenerator(tree, { name: 'orders-api' });
    const planTest = read('apps/orders-api/test/plan.test.ts');
    expect(planTest).toContain('const report = await checkPlanFile(planFileOfPlan(plans[stack]));');
    expect(planTest).toContain('expect(terraformWarningsOf(plans)).toEqual({});');
  });

  test('writes a docs page with the description and every generated block', () => {
    appGenerator(tree, { name: 'orders-api', description: 'Orders for the warehouse systems.' });
    const page = read('docs/orders-api.md');
    expect(page).toContain('Orders for the warehouse systems.');
    expect(Object.keys(blocksOf(page))).toEqual(['diagram', 'calls', 'resources']);
  });

  test('keeps a docs page that already exists', () => {
    tree.write('docs/orders-api.md', '# Hand-written\n');
    appGenerator(tree, { name: 'orders-api' });
    expect(read('docs/orders-api.md')).toBe('# Hand-written\n');
  });

  test('fails when the name is not lower-case words joined by hyphens', () => {
    const error = errorOf({ name: 'Orders_API' });
    expect(error.codes).toEqual(['InvalidAppName']);
    expect(error.message).toMatch(
      /InvalidAppName: name must be 1-40 lower-case letters.*got "Orders_API"/,
    );
  });

  test('fails when the app folder exists', () => {
    tree.write('apps/orders-api/README.md', 'taken');
    expect(errorOf({ name: 'orders-api' }).message).toMatch(
      /AppExists: name must not be an existing folder \(apps\/orders-api exists\), got "orders-api"/,
    );
  });

  test('fails when an Nx project has the name', () => {
    addProjectConfiguration(tree, 'orders-api', { root: 'libs/orders-api' });
    expect(errorOf({ name: 'orders-api' }).message).toMatch(
      /AppExists: name must not be the name of an existing Nx project, got "orders-api"/,
    );
  });

  test('fails when the account ID is not 12 digits', () => {
    expect(errorOf({ name: 'a', accountId: '1234' }).message).toMatch(
      /InvalidAccountId: accountId must be 12 digits, got "1234"/,
    );
  });

  test('fails when the Region is not a Region code', () => {
    expect(errorOf({ name: 'a', region: 'Virginia' }).message).toMatch(
      /InvalidRegion: region must be a Region code .*got "Virginia"/,
    );
  });

  test('fails when the VPC CIDR is not a /16 to /24 block', () => {
    expect(errorOf({ name: 'a', vpcCidr: '10.0.0.0/8' }).message).toMatch(
      /InvalidCidr: vpcCidr must be an IPv4 CIDR block from \/16 to \/24.*got "10\.0\.0\.0\/8"/,
    );
  });

  test('lists every bad option in one error and writes nothing', () => {
    expect(() =>
      appGenerator(tree, { name: '1bad', accountId: 'x', region: 'y', vpcCidr: 'z' }),
    ).toThrow(ValidationError);
    expect(errorOf({ name: '1bad', accountId: 'x', region: 'y', vpcCidr: 'z' }).codes).toEqual([
      'InvalidAppName',
      'InvalidAccountId',
      'InvalidRegion',
      'InvalidCidr',
    ]);
    expect(tree.exists('apps/1bad')).toBe(false);
  });

  test('fails when a template names a value the generator does not have', () => {
    expect(() => fillTemplate('<%= nope %>', { name: 'x' }, 'broken.template')).toThrow(
      /UnknownTemplateKey: broken.template uses <%= nope %>/,
    );
  });
});
