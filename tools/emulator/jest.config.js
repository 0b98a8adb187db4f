// Fast tests (unit tests and the Python patch tests) run with `npm test`; the apply of every
// stack is `npm run test:apply` (jest.apply.config.js).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'emulator',
  rootDir: __dirname,
  testPathIgnorePatterns: ['/node_modules/', '/cdktf.out/', '\\.apply\\.test\\.ts$'],
};
