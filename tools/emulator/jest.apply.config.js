// `npm run test:apply`: every stack of every app applied, planned again and destroyed in moto.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'emulator-apply',
  rootDir: __dirname,
  testMatch: ['**/*.apply.test.ts'],
};
