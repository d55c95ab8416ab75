import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { AuditEntry, AuditEntrySchema } from './audit-entry.schema';
import { AuditLogRepository } from './audit-log.repository';
import { AuditLogsController, MyAuditLogsController } from './audit-logs.controller';
import { AuditPurgeJob } from './audit-purge.job';
import { AuditResponseHook } from './audit-response.hook';
import { AuditWriterService } from './audit-writer.service';
import { AuditInterceptor } from './audit.interceptor';
import { AuditService } from './audit.service';

/**
 * The audit log: records every mutating request (register `AuditInterceptor` as `APP_INTERCEPTOR`; the
 * response hook it feeds is installed by this module), serves `GET /api/v1/audit-logs` and
 * `GET /api/v1/users/me/audit-logs`, and purges entries past retention. Needs the core module (config,
 * logger, MongoDB connection).
 */
@Module({
  imports: [MongooseModule.forFeature([{ name: AuditEntry.name, schema: AuditEntrySchema }])],
  controllers: [AuditLogsController, MyAuditLogsController],
  providers: [
    AuditLogRepository,
    AuditWriterService,
    AuditService,
    AuditPurgeJob,
    AuditInterceptor,
    AuditResponseHook,
  ],
  exports: [AuditInterceptor, AuditWriterService, AuditService],
})
export class AuditModule {}
