module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'basic',
  rootDir: __dirname,
};
