import { applyDecorators, createParamDecorator, Delete, type ExecutionContext, Get, HttpCode, Patch, Post, Put, SetMetadata } from '@nestjs/common';
import { type RouteContract } from '@ccx/contracts';
import type { Request } from 'express';
import { parseInput } from './zod-validation.pipe.js';

export const ROUTE_CONTRACT = Symbol('route-contract');

const methodDecorators = { get: Get, post: Post, put: Put, patch: Patch, delete: Delete } as const;

/**
 * Registers a handler for a route of the contracts table: method, path, success status and
 * who may call it all come from there, so the OpenAPI document and the code cannot drift.
 * The global AuthGuard refuses any handler that has no contract.
 */
export function Route(contract: RouteContract): MethodDecorator {
  return applyDecorators(
    methodDecorators[contract.method](contract.path),
    HttpCode(contract.success.status),
    SetMetadata(ROUTE_CONTRACT, contract),
  );
}

/**
 * The query string of a contract route, parsed with the contract's `query` schema (a 400
 * naming each bad parameter otherwise). The schema is read from the handler's `@Route`, so
 * the parameters the code reads are the ones the OpenAPI document lists.
 */
export const RouteQuery = createParamDecorator((_data: unknown, context: ExecutionContext): unknown => {
  const contract = Reflect.getMetadata(ROUTE_CONTRACT, context.getHandler()) as RouteContract | undefined;
  if (!contract?.query) throw new Error(`@RouteQuery() on a handler whose route contract has no query schema`);
  return parseInput(contract.query, context.switchToHttp().getRequest<Request>().query);
});

export const PUBLIC_ENDPOINT = Symbol('public-endpoint');

/** Endpoints outside the REST contract (metrics, docs): open to anyone, no token. */
export const PublicEndpoint = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ENDPOINT, true);
