import { Injectable } from '@nestjs/common';
import {
  type ChangePasswordRequest,
  type CreateUserRequest,
  ErrorCode,
  type SessionUser,
  type UpdateUserRequest,
  type User,
} from '@ccx/contracts';
import { AuditService } from '../audit/audit.service.js';
import { hashSecret, verifySecret } from '../auth/password-hasher.js';
import { AppError } from '../common/app-error.js';
import { ConfigChanges } from '../common/config-changes.js';
import { SessionEvents } from '../common/session-events.js';
import { UsersRepository } from './users.repository.js';

/** Account administration: who may log in, with which role, skills and password. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly sessions: SessionEvents,
    private readonly changes: ConfigChanges,
  ) {}

  list(): Promise<User[]> {
    return this.users.list();
  }

  async get(id: string): Promise<User> {
    return (await this.find(id)).user;
  }

  async create(actor: SessionUser, input: CreateUserRequest): Promise<User> {
    if (input.role !== 'agent' && (input.extension || input.skills?.length)) {
      throw validation('role', 'extension and skills are for agents only');
    }
    if (await this.users.usernameTaken(input.username)) {
      throw new AppError(ErrorCode.Conflict, `username ${input.username} is taken`, {
        issues: [{ path: 'username', message: 'already taken' }],
      });
    }
    if (input.extension && (await this.users.extensionTaken(input.extension))) {
      throw extensionTaken();
    }
    const user = await this.users.create({ ...input, passwordHash: await hashSecret(input.password) });
    await this.audit.record({
      actorId: actor.id,
      action: 'users/create',
      targetType: 'user',
      targetId: user.id,
      data: { username: user.username, role: user.role },
    });
    // The ACD learns of a new agent when their tab connects; skills of a known one it reloads now.
    if (user.role === 'agent') await this.changes.changed('agents');
    return user;
  }

  async update(actor: SessionUser, id: string, changes: UpdateUserRequest): Promise<User> {
    const { user: before } = await this.find(id);
    const becomesAgent = (changes.role ?? before.role) === 'agent';
    if (!becomesAgent && (changes.extension || changes.skills?.length)) {
      throw validation('role', 'extension and skills are for agents only');
    }
    const losesAdmin = before.role === 'admin' && ((changes.role && changes.role !== 'admin') || changes.active === false);
    if (losesAdmin && actor.id === id) {
      throw new AppError(ErrorCode.SelfLockout, 'you cannot deactivate or demote your own admin account');
    }
    if (losesAdmin && before.active && (await this.users.countActiveAdmins()) <= 1) {
      throw new AppError(ErrorCode.SelfLockout, 'the last active admin cannot be deactivated or demoted');
    }
    if (changes.extension && (await this.users.extensionTaken(changes.extension, before.agentId ?? undefined))) {
      throw extensionTaken();
    }
    const after = await this.users.update(id, changes);
    await this.audit.record({
      actorId: actor.id,
      action: 'users/update',
      targetType: 'user',
      targetId: id,
      data: { changes },
    });
    // Skills are routing: in effect for the next routing decision, like a supervisor's change.
    if (changes.skills || changes.role) await this.changes.changed('agents');
    if (before.active && !after.active) this.sessions.revoke({ userId: id, reason: 'deactivated' });
    else if (before.role !== after.role) this.sessions.revoke({ userId: id, reason: 'role-changed' });
    return after;
  }

  async changePassword(actor: SessionUser, id: string, input: ChangePasswordRequest): Promise<void> {
    if (actor.role !== 'admin' && actor.id !== id) {
      throw new AppError(ErrorCode.Forbidden, 'only admins may change another user’s password');
    }
    const stored = await this.find(id);
    if (actor.role !== 'admin') {
      const ok = input.currentPassword !== undefined && (await verifySecret(input.currentPassword, stored.passwordHash));
      if (!ok) throw validation('currentPassword', 'the current password is not right');
    }
    await this.users.setPasswordHash(id, await hashSecret(input.newPassword));
    await this.audit.record({ actorId: actor.id, action: 'users/password', targetType: 'user', targetId: id });
    // Other sessions of this user end; the one that changed its own password logs in again too.
    this.sessions.revoke({ userId: id, reason: 'password-changed' });
  }

  /**
   * Production start: make sure the configured admin exists. An existing account keeps
   * its password (it may have been changed through the API since).
   */
  async ensureAdmin(username: string, password: string): Promise<'created' | 'exists'> {
    if (await this.users.findByUsername(username)) return 'exists';
    const user = await this.users.create({
      username,
      displayName: 'Administrator',
      role: 'admin',
      passwordHash: await hashSecret(password),
    });
    await this.audit.record({ actorId: null, action: 'users/bootstrap-admin', targetType: 'user', targetId: user.id });
    return 'created';
  }

  private async find(id: string) {
    const stored = await this.users.findById(id);
    if (!stored) throw new AppError(ErrorCode.NotFound, `no user ${id}`);
    return stored;
  }
}

function validation(path: string, message: string): AppError {
  return new AppError(ErrorCode.Validation, `${path}: ${message}`, { issues: [{ path, message }] });
}

function extensionTaken(): AppError {
  return new AppError(ErrorCode.Conflict, 'extension is taken', { issues: [{ path: 'extension', message: 'already taken' }] });
}
