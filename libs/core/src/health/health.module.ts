import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';

import { DatabaseModule } from '../database/database.module';
import { DependencyIndicators } from './dependency.indicators';
import { HealthProbesController } from './health-probes.controller';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

/** Health checks for `/api/v1/health*`; the probes outside the API prefix live in `HealthProbesModule`. */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json', logger: false }), DatabaseModule],
  controllers: [HealthController],
  providers: [HealthService, DependencyIndicators],
  exports: [HealthService],
})
export class HealthModule {}

/** `/health` and `/health/ready`, outside the API prefix, for load balancers and orchestrators. */
@Module({ imports: [HealthModule], controllers: [HealthProbesController] })
export class HealthProbesModule {}
