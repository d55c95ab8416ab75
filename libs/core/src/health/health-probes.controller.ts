import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponse } from '../openapi/api-problem-response.decorator';
import { Public } from '../openapi/public.decorator';
import { LivenessDto, ReadinessDto } from './health.dto';
import { HealthService } from './health.service';

/** Orchestrator probes outside the API prefix: `/health` (liveness, no dependencies) and `/health/ready`. */
@ApiTags('health')
@Public()
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
  @ApiProblemResponse(503, 'A dependency is down; `dependencies` says which')
  ready(): Promise<ReadinessDto> {
    return this.health.readiness();
  }
}
