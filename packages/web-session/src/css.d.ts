// Vite bundles the CSS that components import; the type checker only needs to know the import exists.
declare module '*.css';
