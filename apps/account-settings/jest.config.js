module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'account-settings',
  rootDir: __dirname,
};
