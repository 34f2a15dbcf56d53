/**
 * An audit row as the log's readers see it: the actor and the target by name. A target's
 * name is its current one; one that is gone (a deleted queue, a number taken off a list)
 * keeps the name its entry recorded, when the entry recorded one.
 */
import { type AuditEntry } from '@ccx/contracts';

export interface StoredAuditEntry {
  id: bigint;
  at: Date;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  data: unknown;
}

export interface AuditNames {
  /** Display names of users by id. */
  people: ReadonlyMap<string, string>;
  /** Current names of targets by `type:id`. */
  targets: ReadonlyMap<string, string>;
}

export function toAuditEntry(row: StoredAuditEntry, names: AuditNames): AuditEntry {
  const data = isRecord(row.data) ? row.data : {};
  return {
    id: row.id.toString(),
    at: row.at.toISOString(),
    actor: row.actorId === null ? null : { id: row.actorId, displayName: names.people.get(row.actorId) ?? 'unknown user' },
    action: row.action,
    target:
      row.targetType === null
        ? null
        : {
            type: row.targetType,
            id: row.targetId,
            name: (row.targetId === null ? undefined : names.targets.get(`${row.targetType}:${row.targetId}`)) ?? recordedName(data),
          },
    data,
  };
}

/** The name an entry recorded of what it touched (`name`, or a list entry's `number`). */
function recordedName(data: Record<string, unknown>): string | null {
  for (const key of ['name', 'number'] as const) {
    const value = data[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `nextCursor` of a page (the last entry's id) and its reading back; null: not one we issued. */
export function encodeAuditCursor(id: bigint): string {
  return id.toString();
}

export function decodeAuditCursor(text: string): bigint | null {
  if (!/^[0-9]{1,19}$/.test(text)) return null;
  const id = BigInt(text);
  return id > 0n && id <= 9_223_372_036_854_775_807n ? id : null;
}
