/**
 * Routes that exist only in e2e tests, to drive the real global pipe, filter and logger through cases
 * the product routes do not reach yet (a DTO to validate, an unexpected crash, a domain error, a slow
 * request, code that logs headers).
 */
import { Body, Controller, Get, Module, Post, Query, Req } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { type FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { DomainError, Public } from '@app/core';

class ProfileDto {
  @IsString()
  @Length(1, 39)
  githubUsername!: string;
}

export class CreateThingDto {
  @IsString()
  @Length(2, 20)
  name!: string;

  @IsEmail()
  email!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  count?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => ProfileDto)
  profile?: ProfileDto;
}

class SlowQueryDto {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(5000)
  ms!: number;
}

@Public()
@Controller('api/v1/test-only')
export class TestRoutesController {
  constructor(private readonly logger: PinoLogger) {}

  @Post('things')
  create(@Body() body: CreateThingDto): CreateThingDto {
    return body;
  }

  @Get('crash')
  crash(): never {
    throw new Error('database password hunter2 at /srv/secret/path.ts:42');
  }

  @Get('quota')
  quota(): never {
    throw new DomainError({
      status: 429,
      code: 'quota_exhausted',
      title: 'Quota exhausted',
      detail: 'The daily generation quota is used up.',
      extensions: { resetAt: '2026-11-29T00:00:00.000Z' },
      headers: { 'retry-after': '3600' },
    });
  }

  @Get('slow')
  async slow(@Query() query: SlowQueryDto): Promise<{ waitedMs: number }> {
    await new Promise((resolve) => setTimeout(resolve, query.ms));
    return { waitedMs: query.ms };
  }

  @Get('log-headers')
  logHeaders(@Req() request: FastifyRequest): { ok: true } {
    this.logger.info({ headers: request.headers, req: { headers: request.headers } }, 'careless header log');
    return { ok: true };
  }
}

@Module({ controllers: [TestRoutesController] })
export class TestRoutesModule {}
