import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';

import { AuditEntry, AuditEntrySchema } from './audit-entry.schema';
import { AuditLogRepository } from './audit-log.repository';
import { AuditLogsController, MyAuditLogsController } from './audit-logs.controller';
import { AuditPurgeJob } from './audit-purge.job';
import { AuditResponseHook } from './audit-response.hook';
import { AuditRouteRegistry } from './audit-route.registry';
import { AuditWriterService } from './audit-writer.service';
import { AuditService } from './audit.service';

/**
 * The audit log: records every mutating request (through Fastify hooks this module installs; routes
 * refine their entries with `@AuditAction`, `@AuditResource`, `@NoAudit`), serves `GET /api/v1/audit-logs` and
 * `GET /api/v1/users/me/audit-logs`, and purges entries past retention. Needs the core module (config,
 * logger, MongoDB connection).
 */
@Module({
  imports: [
    DiscoveryModule,
    MongooseModule.forFeature([{ name: AuditEntry.name, schema: AuditEntrySchema }]),
  ],
  controllers: [AuditLogsController, MyAuditLogsController],
  providers: [
    AuditLogRepository,
    AuditWriterService,
    AuditService,
    AuditPurgeJob,
    AuditRouteRegistry,
    AuditResponseHook,
  ],
  exports: [AuditWriterService, AuditService],
})
export class AuditModule {}
