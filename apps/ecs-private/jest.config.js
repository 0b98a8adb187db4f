module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'ecs-private',
  rootDir: __dirname,
};
