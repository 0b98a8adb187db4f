module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'cross-account',
  rootDir: __dirname,
};
