import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Public } from '../openapi/public.decorator';
import { SkipRateLimit } from '../rate-limit/rate-limit.decorators';
import { ApiDependencyProblemResponse, LivenessDto, ReadinessDto } from './health.dto';
import { HealthService } from './health.service';

/**
 * Orchestrator probes outside the API prefix: `/health` (liveness, no dependencies) and `/health/ready`.
 * Never rate-limited: a 429 would make a load balancer take a healthy instance out.
 */
@ApiTags('health')
@Public()
@SkipRateLimit()
@Controller('health')
export class HealthProbesController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process is up (checks no dependency)' })
  @ApiOkResponse({ type: LivenessDto })
  liveness(): LivenessDto {
    return this.health.liveness();
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: MongoDB and Redis answer' })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiDependencyProblemResponse()
  ready(): Promise<ReadinessDto> {
    return this.health.readiness();
  }
}
