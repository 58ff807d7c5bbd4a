/// <reference types="vitest/config" />
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes a .br and a .gz beside every text file of the build, once, at build
 * time: the server (sirv) sends the smallest the browser accepts, without
 * compressing on each request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'firebreak-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const path = join(dir, name);
          return statSync(path).isDirectory() ? walk(path) : [path];
        });
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|txt|webmanifest)$/.test(file)) continue;
        const data = readFileSync(file);
        if (data.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

/**
 * The studio's schema-aware editor (codemirror-json-schema) imports a
 * Markdown renderer with Shiki highlighting, and YAML and JSON5 parsers, that
 * a JSON editor of plain descriptions never uses: half the studio's code.
 * This swaps in a plain renderer and leaves the other parsers out; should the
 * library move those files, nothing matches and the build stays as it was.
 */
function studioEditorDiet(): Plugin {
  const unusedParsers = '\0firebreak-unused-parsers';
  return {
    name: 'firebreak-studio-editor-diet',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer?.includes('/codemirror-json-schema/dist/')) return null;
      if (source === '../utils/markdown') return resolve('src/client/studio/plainMarkdown.ts');
      if (source === './json5-parser' || source === './yaml-parser') return unusedParsers;
      return null;
    },
    load(id) {
      if (id !== unusedParsers) return null;
      return 'const unused = () => { throw new Error("the studio edits JSON only"); };\nexport const parseJSON5DocumentState = unused;\nexport const parseYAMLDocumentState = unused;\n';
    },
  };
}

const serverPort = Number(process.env.PORT ?? 8080);

export default defineConfig({
  root: 'src/client',
  publicDir: '../../public',
  plugins: [studioEditorDiet(), precompress()],
  build: {
    outDir: '../../dist',
    emptyOutDir: true,
    // Phaser alone is about 1.4 MB raw; it is loaded only by the exercise screens.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    proxy: {
      '/socket.io': { target: `http://localhost:${serverPort}`, ws: true },
      '/api': { target: `http://localhost:${serverPort}` },
    },
  },
  test: {
    root: '.',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    reporters: ['default', './test/support/closingLine.ts'],
    hookTimeout: 60_000,
    // Test files run in parallel, one process per core. Vitest's default leaves a core free, which on a
    // 2-core machine runs one file at a time; but browser, server and scale-out files spend much of their
    // time waiting (for Chromium, child processes, round clocks, sockets), and another file can compute
    // meanwhile. On 2 cores (busy with other work), a third of the suite took about 200 s with 1 worker,
    // 125-140 s with 2 and 115-130 s with 3; 3 also stretched CPU-bound tests (a run of CLI processes)
    // the most, one of them past its timeout.
    maxWorkers: availableParallelism(),
  },
});
