import { Injectable } from '@nestjs/common';
import { type CreateQueueRequest, ErrorCode, type Queue, type SessionUser, type Skill, type UpdateQueueRequest } from '@ccx/contracts';
import { AcdService } from '../acd/acd.service.js';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { IvrFlowsRepository } from '../ivr/ivr-flows.repository.js';
import { checkQueueSettings, namedSettings, type QueueSettings } from './domain/queue-settings.js';
import { QueuesRepository, type StoredQueue } from './queues.repository.js';

/**
 * Skills and queues for the administrator. Every change to a queue is checked with the ACD's
 * own rules before it is written, and reaches the running ACD as soon as it is written
 * (`reloadQueues`: waiting calls keep their place under the new rules).
 */
@Injectable()
export class QueuesService {
  constructor(
    private readonly repository: QueuesRepository,
    private readonly flows: IvrFlowsRepository,
    private readonly acd: AcdService,
    private readonly audit: AuditService,
  ) {}

  // ---- skills -------------------------------------------------------------------------

  skills(): Promise<Skill[]> {
    return this.repository.skills();
  }

  async createSkill(actor: SessionUser, name: string): Promise<Skill> {
    if (await this.repository.skillNameTaken(name)) throw taken('name', `skill ${name}`);
    const skill = await this.repository.createSkill(name);
    await this.audit.record({ actorId: actor.id, action: 'skills/create', targetType: 'skill', targetId: skill.id, data: { name } });
    return skill;
  }

  async renameSkill(actor: SessionUser, id: string, name: string): Promise<Skill> {
    const before = await this.repository.skill(id);
    if (!before) throw notFound('skill', id);
    if (await this.repository.skillNameTaken(name, id)) throw taken('name', `skill ${name}`);
    const skill = await this.repository.renameSkill(id, name);
    await this.audit.record({ actorId: actor.id, action: 'skills/rename', targetType: 'skill', targetId: id, data: { from: before.name, to: name } });
    return skill;
  }

  async deleteSkill(actor: SessionUser, id: string): Promise<void> {
    const skill = await this.repository.skill(id);
    if (!skill) throw notFound('skill', id);
    const queues = await this.repository.queuesUsingSkill(id);
    if (queues.length > 0) {
      throw new AppError(ErrorCode.Conflict, `skill ${skill.name} is required by queue${queues.length > 1 ? 's' : ''} ${queues.join(', ')}`, {
        issues: queues.map((queue) => ({ path: 'queues', message: queue })),
      });
    }
    await this.repository.deleteSkill(id);
    await this.audit.record({ actorId: actor.id, action: 'skills/delete', targetType: 'skill', targetId: id, data: { name: skill.name } });
  }

  // ---- queues -------------------------------------------------------------------------

  async queues(): Promise<Queue[]> {
    const [stored, book] = await Promise.all([this.repository.queues(), this.repository.nameBook()]);
    return stored.map((queue) => toQueue(queue, book));
  }

  async queue(id: string): Promise<Queue> {
    const [stored, book] = await Promise.all([this.find(id), this.repository.nameBook()]);
    return toQueue(stored, book);
  }

  async createQueue(actor: SessionUser, input: CreateQueueRequest): Promise<Queue> {
    if (await this.repository.queueNameTaken(input.name)) throw taken('name', `queue ${input.name}`);
    const stored = await this.repository.createQueue(await this.checked('(new queue)', input));
    await this.audit.record({ actorId: actor.id, action: 'queues/create', targetType: 'queue', targetId: stored.id, data: { settings: input } });
    await this.acd.reloadQueues();
    return toQueue(stored, await this.repository.nameBook());
  }

  async updateQueue(actor: SessionUser, id: string, changes: UpdateQueueRequest): Promise<Queue> {
    const before = await this.find(id);
    if (changes.name !== undefined && changes.name !== before.name) {
      if (await this.repository.queueNameTaken(changes.name, id)) throw taken('name', `queue ${changes.name}`);
      await this.refuseWhileNamed(before, 'renamed');
    }
    const book = await this.repository.nameBook();
    const settings: QueueSettings = { ...namedSettings(before, names(book)), ...changes };
    const stored = await this.repository.updateQueue(id, await this.checked(id, settings));
    await this.audit.record({ actorId: actor.id, action: 'queues/update', targetType: 'queue', targetId: id, data: { changes } });
    await this.acd.reloadQueues();
    return toQueue(stored, await this.repository.nameBook());
  }

  /**
   * Refused while the queue holds calls, while a published flow sends calls to it (the flow
   * would fail at run time), or while another queue's overflow moves calls to it. Overflow
   * rules hold the target by id, so renaming a queue never breaks them.
   */
  async deleteQueue(actor: SessionUser, id: string): Promise<void> {
    const queue = await this.find(id);
    const holding = this.acd.contactsIn(id);
    if (holding > 0) throw new AppError(ErrorCode.Conflict, `queue ${queue.name} holds ${holding} call${holding > 1 ? 's' : ''}; delete it once it is empty`);
    await this.refuseWhileNamed(queue, 'deleted');
    const movers = await this.repository.queuesMovingTo(id);
    if (movers.length > 0) {
      throw new AppError(ErrorCode.Conflict, `queue ${queue.name} receives overflow from ${movers.join(', ')}`, {
        issues: movers.map((name) => ({ path: 'queues', message: name })),
      });
    }
    // Out of routing first: the ACD refuses (409) if a call arrived since the check above,
    // and then nothing is deleted. Should the row then fail to go, routing gets it back.
    this.acd.removeQueue(id);
    try {
      await this.repository.deleteQueue(id);
    } catch (error) {
      await this.acd.reloadQueues();
      throw error;
    }
    await this.audit.record({ actorId: actor.id, action: 'queues/delete', targetType: 'queue', targetId: id, data: { name: queue.name } });
  }

  /** Published flows find their queues by name: renaming or deleting one would fail their calls. */
  private async refuseWhileNamed(queue: StoredQueue, what: string): Promise<void> {
    const flows = (await this.flows.publishedReferences()).filter((f) => f.references.some((r) => r.kind === 'queue' && r.name === queue.name)).map((f) => f.name);
    if (flows.length === 0) return;
    throw new AppError(ErrorCode.Conflict, `queue ${queue.name} cannot be ${what}: published flow${flows.length > 1 ? 's' : ''} ${flows.join(', ')} send${flows.length > 1 ? '' : 's'} calls to it`, {
      issues: flows.map((flow) => ({ path: 'flows', message: flow })),
    });
  }

  private async find(id: string): Promise<StoredQueue> {
    const queue = await this.repository.queue(id);
    if (!queue) throw notFound('queue', id);
    return queue;
  }

  /** Names resolved and the ACD's rules applied; a 400 naming every field at fault. */
  private async checked(queueId: string, settings: QueueSettings) {
    const result = checkQueueSettings(queueId, settings, await this.repository.nameBook());
    if (!result.ok) {
      throw new AppError(ErrorCode.Validation, `invalid queue: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues: result.issues });
    }
    return result.stored;
  }
}

function names(book: Awaited<ReturnType<QueuesRepository['nameBook']>>) {
  const invert = (map: ReadonlyMap<string, string>) => new Map([...map].map(([name, id]) => [id, name]));
  return { skills: invert(book.skills), queues: invert(book.queues) };
}

function toQueue(stored: StoredQueue, book: Awaited<ReturnType<QueuesRepository['nameBook']>>): Queue {
  const settings = namedSettings(stored, names(book));
  return {
    id: stored.id,
    ...settings,
    skills: [...settings.skills].sort((a, b) => a.skill.localeCompare(b.skill)),
    createdAt: stored.createdAt.toISOString(),
    updatedAt: stored.updatedAt.toISOString(),
  };
}

function notFound(what: string, id: string): AppError {
  return new AppError(ErrorCode.NotFound, `no ${what} ${id}`);
}

function taken(path: string, what: string): AppError {
  return new AppError(ErrorCode.Conflict, `${what} already exists`, { issues: [{ path, message: 'already taken' }] });
}
