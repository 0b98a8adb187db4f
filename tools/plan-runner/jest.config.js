module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'plan-runner',
  rootDir: __dirname,
};
