#!/usr/bin/env node
// `npm run generate -w @meterline/web`: (re)writes src/**/<name>.generated.ts from src/**/<name>.graphql.
import { unlinkSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { generatedFiles, orphanedFiles, webRoot } from './codegen.mjs';

const files = await generatedFiles();
for (const [path, content] of files) {
  writeFileSync(path, content);
  console.log(`wrote ${relative(webRoot, path)}`);
}
for (const path of orphanedFiles(files)) {
  unlinkSync(path);
  console.log(`removed ${relative(webRoot, path)} (its .graphql is gone)`);
}
