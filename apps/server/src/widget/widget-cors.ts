import { type NextFunction, type Request, type Response } from 'express';

/**
 * The widget runs on other companies' pages, so its REST calls (`/api/widget/*`) are
 * cross-origin: any origin may call them, without cookies (the call token travels in the
 * body), and a preflight is answered here, before the guards. No other route is opened.
 */
export function widgetCors(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Vary', 'Origin');
  if (req.method !== 'OPTIONS') return next();
  res.setHeader('Access-Control-Allow-Methods', 'POST');
  res.setHeader('Access-Control-Allow-Headers', 'content-type');
  res.setHeader('Access-Control-Max-Age', '600');
  res.status(204).end();
}
