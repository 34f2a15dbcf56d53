// Module hooks (node:module register) that let a worker thread run this package's
// TypeScript sources, for tests under vitest. vitest transforms the test process's modules
// itself but not a `new Worker(...)`: Node would be handed media-worker.ts raw. Built code
// (dist/) never loads this file. Two hooks, nothing else:
//   resolve: `./x.js` written in a .ts source means the sibling `./x.ts` when no .js exists;
//   load:    a .ts file is transpiled on its own (typescript's transpileModule, no type
//            information needed thanks to isolatedModules) to an ES module.
// Plain JavaScript (node_modules, the built @ccx/contracts) passes through untouched.
//
// Transpiling cold costs about 2 s per worker (typescript's JIT warming up on the hooks
// thread), so output is kept in node_modules/.cache, stamped with a hash of its source: a
// worker whose sources did not change boots in well under a second and never loads typescript.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const CACHE_DIR = new URL('../../node_modules/.cache/ccx-media-worker/', import.meta.url);
/** Bump when the compiler options below change; a new typescript changes the key by itself. */
const CACHE_VERSION = `1/${JSON.parse(await readFile(createRequire(import.meta.url).resolve('typescript/package.json'), 'utf8')).version}`;

let typescript = null;

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const fromSource = context.parentURL?.startsWith('file:') && context.parentURL.endsWith('.ts');
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !fromSource || !specifier.startsWith('.') || !specifier.endsWith('.js')) throw error;
    return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const source = await readFile(new URL(url), 'utf8');
  // One cache file per source file (so the cache does not grow with every edit), whose first
  // line names the source it was made from.
  const cached = new URL(`${createHash('sha256').update(url).digest('hex').slice(0, 32)}.js`, CACHE_DIR);
  const stamp = `// ${createHash('sha256').update(`${CACHE_VERSION}\0${source}`).digest('hex')}\n`;
  const kept = await readFile(cached, 'utf8').catch(() => '');
  const output = kept.startsWith(stamp) ? kept.slice(stamp.length) : await transpileAndKeep(url, source, cached, stamp);
  return { format: 'module', source: output, shortCircuit: true };
}

async function transpileAndKeep(url, source, cached, stamp) {
  typescript ??= (await import('typescript')).default;
  const { outputText } = typescript.transpileModule(source, {
    fileName: fileURLToPath(url),
    compilerOptions: {
      module: typescript.ModuleKind.ESNext,
      target: typescript.ScriptTarget.ES2022,
      useDefineForClassFields: true,
      inlineSourceMap: true,
      inlineSources: true,
    },
  });
  // Written aside and renamed: workers booting side by side never read half a file.
  const temporary = new URL(`${cached.pathname.split('/').pop()}.${randomBytes(6).toString('hex')}.tmp`, CACHE_DIR);
  try {
    await mkdir(CACHE_DIR, { recursive: true });
    await writeFile(temporary, stamp + outputText);
    await rename(temporary, cached);
  } catch {
    // A cache that cannot be written costs the next boot a transpile, nothing else.
  }
  return outputText;
}
