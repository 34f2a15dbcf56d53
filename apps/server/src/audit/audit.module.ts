import { Global, Module } from '@nestjs/common';
import { AuditLogService } from './audit-log.service.js';
import { AuditController } from './audit.controller.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';

/** The audit log: `AuditService` appends for every module (global); `GET /api/audit` reads it. */
@Global()
@Module({ controllers: [AuditController], providers: [AuditService, AuditRepository, AuditLogService], exports: [AuditService] })
export class AuditModule {}
