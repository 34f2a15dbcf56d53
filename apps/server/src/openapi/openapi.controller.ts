import { Controller, Get, Header, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PublicEndpoint } from '../common/route.decorator.js';
import { SERVER_VERSION } from '../version.js';
import { buildOpenApiDocument } from './openapi-document.js';

const document = buildOpenApiDocument(SERVER_VERSION);

/** `/api/docs`: Swagger UI over `/api/docs/openapi.json` (assets served in main.ts). */
@Controller()
@PublicEndpoint()
export class OpenApiController {
  @Get('/api/docs/openapi.json')
  json(): Record<string, unknown> {
    return document;
  }

  @Get('/api/docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(@Res() response: Response): void {
    response.send(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Contact center API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body></html>`);
  }

  /** Kept out of the HTML so a strict Content-Security-Policy needs no inline script. */
  @Get('/api/docs/init.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  init(): string {
    return "window.ui = SwaggerUIBundle({ url: '/api/docs/openapi.json', dom_id: '#swagger-ui' });";
  }
}
