import { defineConfig } from 'vite';

// widget-call.js: the call part the loader (widget.js) imports on the first click, an ES
// module beside it in dist/ (SIP.js, the softphone, the status channel, the call controls).
// Built after the loader, so it must not empty dist/.
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2020',
    lib: {
      entry: 'src/call/index.ts',
      formats: ['es'],
      fileName: () => 'widget-call.js',
    },
    minify: true,
    sourcemap: false,
  },
});
