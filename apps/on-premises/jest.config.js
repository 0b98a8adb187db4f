module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'on-premises',
  rootDir: __dirname,
};
