import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/**
 * Serves the built browser apps from one origin with the API: `/agent/`, `/supervisor/`
 * (admin screens live in it; `/admin/` leads there), `/widget/widget.js` and
 * `/widget/demo.html`, and the Swagger UI assets for `/api/docs`.
 */
export function mountStaticApps(app: Express, appsDir: string): void {
  const require = createRequire(import.meta.url);
  app.use('/api/docs/assets', express.static(dirname(require.resolve('swagger-ui-dist/package.json')), { index: false }));

  for (const name of ['agent', 'supervisor'] as const) {
    const dist = join(appsDir, name, 'dist');
    app.use(`/${name}`, express.static(dist, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForHtml }));
    // Client-side routes (e.g. /agent/history) get the app's page; missing assets stay 404.
    app.get(new RegExp(`^/${name}(/.*)?$`), (req: Request, res: Response, next: NextFunction) => {
      const page = join(dist, 'index.html');
      if (/\.[a-z0-9]+$/i.test(req.path)) return next();
      if (!existsSync(page)) return res.status(503).type('text/plain').send(notBuilt(name));
      res.setHeader('Cache-Control', 'no-cache');
      return res.sendFile(page);
    });
  }
  app.use('/widget', express.static(join(appsDir, 'widget', 'dist'), { index: false, setHeaders: widgetHeaders }));
  app.get(/^\/admin(\/.*)?$/, (_req: Request, res: Response) => res.redirect(302, '/supervisor/'));
  app.get('/', (_req: Request, res: Response) => res.redirect(302, '/agent/'));
}

function noCacheForHtml(res: Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}

/** Third-party pages load the widget cross-origin. */
function widgetHeaders(res: Response, path: string): void {
  noCacheForHtml(res, path);
  if (path.endsWith('.js')) res.setHeader('Access-Control-Allow-Origin', '*');
}

const notBuilt = (name: string) =>
  `The ${name} app has not been built. Run "npm start" at the repository root (it builds everything).\n`;
