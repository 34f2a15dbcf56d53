import { ApiErrorSchema, apiRoutes, type RouteContract } from '@ccx/contracts';
import { z } from 'zod';

/**
 * The OpenAPI 3.1 document, built from the route table and zod schemas of the contracts
 * package, the same ones the controllers parse with. OpenAPI 3.1 takes JSON Schema
 * 2020-12 as it is, which is what zod emits.
 */
export function buildOpenApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, route] of Object.entries(apiRoutes) as [string, RouteContract][]) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method] = operation(operationId, route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Browser contact center API',
      version,
      description:
        'REST API of the contact center server. Errors always carry an ApiError body. ' +
        'Live events travel over Socket.IO on the same origin (see packages/contracts/src/realtime).',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { ApiError: jsonSchema(ApiErrorSchema, 'output') },
    },
  };
}

function operation(operationId: string, route: RouteContract): Record<string, unknown> {
  const responses: Record<string, unknown> = {
    [route.success.status]: route.success.schema
      ? {
          description: 'Success',
          content: { [route.success.contentType ?? 'application/json']: { schema: jsonSchema(route.success.schema, 'output') } },
        }
      : { description: 'Success, no content' },
  };
  for (const status of route.errors) {
    responses[status] = {
      description: errorDescriptions[status] ?? 'Error',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
    };
  }
  const parameters = [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')];
  return {
    operationId,
    summary: route.summary,
    ...(route.access === 'public' ? { security: [] } : { security: [{ bearer: [] }] }),
    'x-roles': route.access === 'public' || route.access === 'self' ? route.access : [...route.access],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { [route.bodyContentType ?? 'application/json']: { schema: jsonSchema(route.body, 'input') } } } }
      : {}),
    responses,
  };
}

/** One OpenAPI parameter per property of a params or query schema; path parameters are always required. */
function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query'): Record<string, unknown>[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input');
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries((object.properties ?? {}) as Record<string, Record<string, unknown>>).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: propertySchema,
    };
  });
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> & { properties?: unknown; required?: unknown } {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const errorDescriptions: Record<number, string> = {
  400: 'Invalid input: `issues` names each field',
  401: 'Not logged in, token invalid or expired, or wrong credentials',
  403: 'The role may not do this',
  404: 'Not found',
  409: 'Conflict (taken name, it would lock the tenant out, or a call event that may not come next)',
  413: 'The upload is larger than the route accepts',
  429: 'Too many failed logins: see Retry-After',
  503: 'A service the request needs (e.g. the speech synthesizer) failed; try again',
};
