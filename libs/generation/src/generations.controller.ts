import { Body, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty } from '@nestjs/swagger';
import { IsMongoId } from 'class-validator';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import {
  ApiProblemResponse,
  ApiV1Controller,
  type CursorPage,
  CurrentPrincipal,
  type Principal,
  RequireScopes,
} from '@app/core';

import {
  CreateGenerationBatchDto,
  CreateGenerationDto,
  GenerationIdParamsDto,
  ListGenerationsQueryDto,
} from './dto/generation-request.dto';
import { GenerationBatchDto, GenerationDto, GenerationPageDto } from './dto/generation-response.dto';
import { GenerationEventStream } from './generation-event.stream';
import { GenerationsService } from './generations.service';

class BatchIdParamsDto {
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0b' })
  @IsMongoId()
  batchId!: string;
}

const INPUT_PROBLEMS = [
  [404, 'The profile, analysis or resume named does not exist (or is not yours)'],
  [
    422,
    'Not exactly one of candidate.profileId/githubUsername or job.analysisId/description (`generation_input_invalid`)',
  ],
] as const;

/** Tailored resume generation as queued jobs: evidence → analysis → match → draft → fact check → render → store. */
@ApiV1Controller('generations', 'generations')
export class GenerationsController {
  constructor(
    private readonly generations: GenerationsService,
    private readonly stream: GenerationEventStream,
  ) {}

  @Post()
  @HttpCode(202)
  @RequireScopes('generate')
  @ApiOperation({
    summary: 'Start generating a tailored resume for one job; 202 with the job and its Location',
    description:
      'Honours `Idempotency-Key` (same key and body: the same job, not a second one). Follow it with ' +
      '`GET /api/v1/generations/{id}` or its Server-Sent Events at `/events`.',
  })
  @ApiAcceptedResponse({ type: GenerationDto })
  @ApiProblemResponse(INPUT_PROBLEMS[0][0], INPUT_PROBLEMS[0][1])
  @ApiProblemResponse(INPUT_PROBLEMS[1][0], INPUT_PROBLEMS[1][1])
  async create(
    @CurrentPrincipal() caller: Principal,
    @Body() body: CreateGenerationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GenerationDto> {
    const created = await this.generations.create(caller, body);
    void reply.header('location', `/api/v1/generations/${created.id}`);
    return created;
  }

  @Post('batch')
  @HttpCode(202)
  @RequireScopes('generate')
  @ApiOperation({
    summary:
      'Generate for one candidate and up to 20 jobs; the batch ranks the jobs by match score when all finish',
  })
  @ApiAcceptedResponse({ type: GenerationBatchDto })
  @ApiProblemResponse(INPUT_PROBLEMS[0][0], INPUT_PROBLEMS[0][1])
  @ApiProblemResponse(INPUT_PROBLEMS[1][0], INPUT_PROBLEMS[1][1])
  async createBatch(
    @CurrentPrincipal() caller: Principal,
    @Body() body: CreateGenerationBatchDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GenerationBatchDto> {
    const batch = await this.generations.createBatch(caller, body);
    void reply.header('location', `/api/v1/generation-batches/${batch.batchId}`);
    return batch;
  }

  @Get()
  @RequireScopes('generate')
  @ApiOperation({ summary: 'List your generations, newest first' })
  @ApiOkResponse({ type: GenerationPageDto })
  list(
    @CurrentPrincipal() caller: Principal,
    @Query() query: ListGenerationsQueryDto,
  ): Promise<CursorPage<GenerationDto>> {
    return this.generations.list(caller.userId, query);
  }

  @Get(':id')
  @RequireScopes('generate')
  @ApiOperation({
    summary:
      'A generation: status, step, progress, match, fact check, degraded, timings, tokens and the result',
  })
  @ApiOkResponse({ type: GenerationDto })
  @ApiProblemResponse(404, 'No such generation (`generation_not_found`)')
  get(@CurrentPrincipal() caller: Principal, @Param() params: GenerationIdParamsDto): Promise<GenerationDto> {
    return this.generations.get(caller.userId, params.id);
  }

  @Get(':id/events')
  @RequireScopes('generate')
  @ApiOperation({
    summary:
      'The generation’s events as Server-Sent Events, from the first (or after `Last-Event-ID`) to the end',
    description:
      'Events: `queued`, `started`, `step` (started/finished, with duration and progress), `retrying`, `reused`, ' +
      '`blocked`, `fitted` (the draft ran over `maxPages`: what was left out to fit), and one final ' +
      '`succeeded`, `failed` or `cancelled`, after which the stream ends. `id` is the ' +
      'event’s sequence number; a reconnect with `Last-Event-ID` resumes after it.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'text/event-stream',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiProblemResponse(404, 'No such generation (`generation_not_found`)')
  async events(
    @CurrentPrincipal() caller: Principal,
    @Param() params: GenerationIdParamsDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.stream.serve(caller.userId, params.id, request, reply);
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @RequireScopes('generate')
  @ApiOperation({ summary: 'Cancel a generation (a queued one at once; a running one at its next step)' })
  @ApiAcceptedResponse({ type: GenerationDto })
  @ApiProblemResponse(404, 'No such generation (`generation_not_found`)')
  @ApiProblemResponse(409, 'Already finished (`generation_finished`)')
  cancel(
    @CurrentPrincipal() caller: Principal,
    @Param() params: GenerationIdParamsDto,
  ): Promise<GenerationDto> {
    return this.generations.cancel(caller.userId, params.id);
  }

  @Delete(':id')
  @HttpCode(202)
  @RequireScopes('generate')
  @ApiOperation({ summary: 'Cancel a generation (the same as POST …/cancel)' })
  @ApiAcceptedResponse({ type: GenerationDto })
  @ApiProblemResponse(404, 'No such generation (`generation_not_found`)')
  @ApiProblemResponse(409, 'Already finished (`generation_finished`)')
  remove(
    @CurrentPrincipal() caller: Principal,
    @Param() params: GenerationIdParamsDto,
  ): Promise<GenerationDto> {
    return this.generations.cancel(caller.userId, params.id);
  }
}

/** Batches of generations (one candidate, several jobs): their state and the ranking by match score. */
@ApiV1Controller('generation-batches', 'generations')
export class GenerationBatchesController {
  constructor(private readonly generations: GenerationsService) {}

  @Get(':batchId')
  @RequireScopes('generate')
  @ApiOperation({
    summary: 'A batch: its generations, and the ranking by match score once all have finished',
  })
  @ApiOkResponse({ type: GenerationBatchDto })
  @ApiProblemResponse(404, 'No such batch (`generation_batch_not_found`)')
  getBatch(
    @CurrentPrincipal() caller: Principal,
    @Param() params: BatchIdParamsDto,
  ): Promise<GenerationBatchDto> {
    return this.generations.getBatch(caller.userId, params.batchId);
  }
}
