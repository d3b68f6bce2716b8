#!/usr/bin/env node
// `npm run generate -w @meterline/client` (or `npm run client` at the root): writes src/generated.ts from the composed
// supergraph and the public operations (contracts/operations/<app>/*.graphql) with graphql-codegen.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { generatedClient } = require('./codegen');

generatedClient().then((code) => {
  const path = join(__dirname, '..', 'src', 'generated.ts');
  writeFileSync(path, code);
  console.log(`wrote ${path}`);
});
