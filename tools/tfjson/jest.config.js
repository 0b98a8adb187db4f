module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'tfjson',
  rootDir: __dirname,
};
