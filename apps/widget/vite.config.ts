import { defineConfig } from 'vite';

// The embeddable widget: one self-contained classic script (IIFE, no framework) that host
// pages load with <script src=".../widget/widget.js" async>. public/demo.html is copied
// beside it as the demo host page.
export default defineConfig({
  base: '/widget/',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    lib: {
      entry: 'src/main.ts',
      formats: ['iife'],
      name: 'CcxWidget',
      fileName: () => 'widget.js',
    },
    minify: true,
    sourcemap: false,
  },
});
