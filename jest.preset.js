// Shared Jest settings: TypeScript through SWC (no type check at test time; `npm run lint`
// type-checks), the construct library's path aliases, and cdktf's matchers.
const path = require('node:path');

const root = __dirname;

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  moduleNameMapper: {
    '^@apigw-private/constructs/(.*)$': path.join(root, 'libs/constructs/src/$1'),
    '^@apigw-private/tools/(.*)$': path.join(root, 'tools/$1'),
  },
  setupFilesAfterEnv: [path.join(root, 'tools/testing/setup-jest.ts')],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/cdktf.out/'],
};
