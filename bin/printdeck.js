#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled to dist/ by `npm run build`.
const path = require('node:path');
const entry = path.join(__dirname, '..', 'dist', 'src-main', 'cli', 'main.js');
try {
  require.resolve(entry);
} catch {
  process.stderr.write('printdeck: not built yet; run `npm run build` first\n');
  process.exit(70);
}
require(entry).main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
