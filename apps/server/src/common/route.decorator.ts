import { applyDecorators, Delete, Get, HttpCode, Patch, Post, Put, SetMetadata } from '@nestjs/common';
import { type RouteContract } from '@ccx/contracts';

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

export const PUBLIC_ENDPOINT = Symbol('public-endpoint');

/** Endpoints outside the REST contract (metrics, docs): open to anyone, no token. */
export const PublicEndpoint = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ENDPOINT, true);
