import { describe, expect, it } from 'vitest';
import { apiRoutes, type RouteContract } from './rest/routes.js';
import { CreateUserRequestSchema, UpdateUserRequestSchema } from './rest/users.js';
import { HeartbeatPayloadSchema } from './realtime/events.js';
import { toFieldIssues } from './errors.js';

describe('route table', () => {
  const routes = Object.values(apiRoutes) as RouteContract[];

  it('declares 401 and 403 on every route that needs a role, and 400 on every route with input', () => {
    for (const route of routes) {
      if (Array.isArray(route.access)) expect(route.errors, route.path).toEqual(expect.arrayContaining([401, 403]));
      if (route.access === 'self') expect(route.errors, route.path).toContain(401);
      if (route.body || route.params) expect(route.errors, route.path).toContain(400);
    }
  });

  it('has one handler per method and path', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('user schemas', () => {
  it('names each bad field of a new user', () => {
    const result = CreateUserRequestSchema.safeParse({ username: 'a b', displayName: '', role: 'root', password: 'short', skills: [{ skill: 'x', level: 11 }] });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(toFieldIssues(result.error).map((i) => i.path).sort()).toEqual(['displayName', 'password', 'role', 'skills.0.level', 'username']);
  });

  it('refuses a skill listed twice and an edit that changes nothing or adds unknown fields', () => {
    expect(
      CreateUserRequestSchema.safeParse({
        username: 'agent9',
        displayName: 'A',
        role: 'agent',
        password: 'long-enough',
        skills: [{ skill: 'sales', level: 1 }, { skill: 'Sales', level: 2 }],
      }).success,
    ).toBe(false);
    expect(UpdateUserRequestSchema.safeParse({}).success).toBe(false);
    expect(UpdateUserRequestSchema.safeParse({ passwordHash: 'x' }).success).toBe(false);
    expect(UpdateUserRequestSchema.safeParse({ active: false }).success).toBe(true);
  });
});

describe('heartbeat payload', () => {
  it('accepts a well-formed beat and refuses a missing tab id', () => {
    expect(HeartbeatPayloadSchema.safeParse({ tabId: 't', sentAt: 1, visible: true }).success).toBe(true);
    expect(HeartbeatPayloadSchema.safeParse({ sentAt: 1, visible: true }).success).toBe(false);
  });
});
