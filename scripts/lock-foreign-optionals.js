#!/usr/bin/env node
// The npm registry these machines reach does not serve every platform build of packages such as @swc/core,
// @turbo/* and @unrs/resolver-binding-*: `npm install` then leaves those optional dependencies out of
// package-lock.json, and `npm ci` refuses the lockfile ("Missing: ... from lock file"). This records each
// missing optional dependency as an optional entry, which `npm ci` skips when it cannot fetch it.
// Run after every `npm install` that changes dependencies: `npm run lock:fix`.
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (!lock.packages[nested] && !lock.packages[top]) {
      lock.packages[top] = { version, optional: true };
      added += 1;
    }
  }
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-foreign-optionals: recorded ${added} optional platform package(s)`);
