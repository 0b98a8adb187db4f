module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'multi-region',
  rootDir: __dirname,
};
