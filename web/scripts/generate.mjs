#!/usr/bin/env node
// `npm run generate -w @meterline/web`: (re)writes src/generated.ts from src/**/*.graphql.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { generatedCode, generatedPath, webRoot } from './codegen.mjs';

writeFileSync(generatedPath, await generatedCode());
console.log(`wrote ${relative(webRoot, generatedPath)}`);
