import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';

import { ApiV1Controller } from '../http/api-v1-controller.decorator';
import { Public } from '../openapi/public.decorator';
import { SkipRateLimit } from '../rate-limit/rate-limit.decorators';
import { ApiDependencyProblemResponse, DetailedHealthDto, ReadinessDto } from './health.dto';
import { HealthService } from './health.service';

/** `/api/v1/health` and `/api/v1/health/detailed`; not rate-limited, like the probes. */
@Public()
@SkipRateLimit()
@ApiV1Controller('health', 'health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Readiness of the API and its dependencies (MongoDB, Redis)' })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiDependencyProblemResponse()
  check(): Promise<ReadinessDto> {
    return this.health.readiness();
  }

  @Get('detailed')
  @ApiOperation({ summary: 'Each dependency with latency and version, and which MongoDB backend answered' })
  @ApiOkResponse({ type: DetailedHealthDto })
  @ApiDependencyProblemResponse()
  detailed(): Promise<DetailedHealthDto> {
    return this.health.detailed();
  }
}
