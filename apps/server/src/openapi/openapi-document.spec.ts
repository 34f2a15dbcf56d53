import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi-document.js';

type Operation = {
  parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, unknown> };
};

describe(buildOpenApiDocument.name, () => {
  const sut = buildOpenApiDocument('test') as { paths: Record<string, Record<string, Operation>> };

  it('lists the query parameters of a route with a query schema, none of them required', () => {
    const parameters = sut.paths['/api/calls']!.get!.parameters!;
    expect(parameters.every((p) => p.in === 'query' && !p.required)).toBe(true);
    expect(parameters.map((p) => p.name).sort()).toEqual(
      ['agentId', 'callerNumber', 'channel', 'cursor', 'direction', 'disposition', 'from', 'limit', 'minWaitSeconds', 'queueId', 'to'].sort(),
    );
    const limit = parameters.find((p) => p.name === 'limit')!;
    expect(limit.schema).toMatchObject({ type: 'integer', maximum: 200, default: 50 });
    expect(parameters.find((p) => p.name === 'channel')!.schema).toMatchObject({ enum: ['web', 'trunk', 'chat'] });
    expect(sut.paths['/api/calls/export.csv']!.get!.parameters!.map((p) => p.name)).not.toContain('cursor');
  });

  it('keeps path parameters required, and routes without parameters without the field', () => {
    expect(sut.paths['/api/calls/{id}/events']!.get!.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    ]);
    expect(sut.paths['/api/users']!.get!.parameters).toBeUndefined();
  });

  it('lists the audit log’s filters, for supervisors and admins', () => {
    const operation = sut.paths['/api/audit']!.get! as Operation & { 'x-roles': string[] };
    expect(operation.parameters!.map((p) => p.name).sort()).toEqual(['action', 'actorId', 'cursor', 'from', 'limit', 'targetId', 'to']);
    expect(operation['x-roles']).toEqual(['admin', 'supervisor']);
  });

  it('names the media type of a body that is not JSON (a WAV upload)', () => {
    const upload = sut.paths['/api/prompts/wav']!.post!;
    expect(Object.keys(upload.requestBody!.content)).toEqual(['audio/wav']);
    expect(upload.parameters).toEqual([expect.objectContaining({ name: 'name', in: 'query', required: true })]);
    expect(Object.keys(sut.paths['/api/prompts/speech']!.post!.requestBody!.content)).toEqual(['application/json']);
  });
});
