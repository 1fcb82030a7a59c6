// Builds dist/ (ES module, minified IIFE for a script tag, type declarations), type-checks the
// declarations against a consumer, and fails if the script build is over the size budget.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Issue 4: at most 8 KB minified and gzipped. */
const MAX_GZIP_BYTES = 8192;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

const common = { entryPoints: [join(root, 'src/index.js')], bundle: true, target: ['es2019'], legalComments: 'none', logLevel: 'warning' };
await build({ ...common, format: 'esm', outfile: join(dist, 'telltale.esm.js') });
await build({ ...common, format: 'iife', globalName: 'Telltale', minify: true, outfile: join(dist, 'telltale.min.js') });
await build({ ...common, format: 'esm', minify: true, outfile: join(dist, 'telltale.esm.min.js') });
copyFileSync(join(root, 'src/telltale.d.ts'), join(dist, 'telltale.d.ts'));

execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(root, 'test/types')], { stdio: 'inherit' });

let over = false;
const sizes = {};
for (const file of ['telltale.min.js', 'telltale.esm.min.js']) {
  const bytes = readFileSync(join(dist, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  sizes[file] = { minified: bytes.length, gzip: gz };
  console.log(`size: dist/${file} ${bytes.length} B minified, ${gz} B gzip (budget ${MAX_GZIP_BYTES} B)`);
  if (gz > MAX_GZIP_BYTES) over = true;
}
writeFileSync(join(dist, 'size.json'), JSON.stringify(sizes, null, 2) + '\n');
if (over) {
  console.error('size: over budget');
  process.exit(1);
}
