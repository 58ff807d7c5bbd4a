#!/usr/bin/env node
// The firebreak command: runs the TypeScript CLI through tsx's loader.
import { tsImport } from 'tsx/esm/api';

await tsImport('../src/cli/main.ts', import.meta.url);
