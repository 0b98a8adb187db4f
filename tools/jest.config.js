module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'tools',
  rootDir: __dirname,
  // tools/emulator is its own project (its own jest.config.js).
  testPathIgnorePatterns: ['/node_modules/', '/cdktf.out/', '/emulator/'],
};
