// Entry point Nx loads for `nx g ./tools/generators:app`. The generator is TypeScript; Nx 24 on
// Node 20 cannot load .ts without @swc-node/register or ts-node, so this shim registers tsx (a dev
// dependency of the workspace already) for CommonJS and loads the TypeScript source.
'use strict';
const { register } = require('tsx/cjs/api');

register();
module.exports = require('./generator.ts');
