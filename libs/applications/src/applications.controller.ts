import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AuditAction, AuditResource } from '@app/audit';
import {
  ApiProblemResponse,
  ApiV1Controller,
  type CursorPage,
  CurrentPrincipal,
  type Principal,
  RequireScopes,
} from '@app/core';

import { describeStatusMachine } from './application-status';
import { ApplicationsService } from './applications.service';
import { ApplicationStatsDto, ApplicationStatsQueryDto } from './dto/application-stats.dto';
import {
  ApplicationDto,
  ApplicationPageDto,
  type ApplicationSummaryDto,
  ListApplicationsQueryDto,
} from './dto/application.dto';
import { CreateApplicationDto } from './dto/create-application.dto';
import { AddApplicationNoteDto, ReopenApplicationDto, TransitionApplicationDto } from './dto/transition.dto';
import {
  ApplicationEventDto,
  ApplicationEventPageDto,
  ApplicationTimelineQueryDto,
} from './dto/application-event.dto';
import { UpdateApplicationDto } from './dto/update-application.dto';

const NOT_FOUND = 'No such application of yours (`application_not_found`)';
const EVENT_TIME = 'Back-dated `at` outside its bounds (`invalid_event_time`; `errors[]` names `at`)';

/** The caller's job applications: fields, status machine, timeline, statistics. */
@ApiV1Controller('applications', 'applications')
@AuditResource('application')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @RequireScopes('applications:write')
  @ApiOperation({ summary: 'Record a job application; it starts as `draft`' })
  @ApiCreatedResponse({ type: ApplicationDto })
  @ApiProblemResponse(422, 'The resume or version is not one of yours (`resume_not_found`)')
  create(@CurrentPrincipal() caller: Principal, @Body() body: CreateApplicationDto): Promise<ApplicationDto> {
    return this.applications.create(caller, body);
  }

  @Get()
  @RequireScopes('applications:read')
  @ApiOperation({ summary: 'List your applications, newest first, with filters' })
  @ApiOkResponse({ type: ApplicationPageDto })
  list(
    @CurrentPrincipal() caller: Principal,
    @Query() query: ListApplicationsQueryDto,
  ): Promise<CursorPage<ApplicationSummaryDto>> {
    return this.applications.list(caller.userId, query);
  }

  // Declared before `:id` so `/applications/stats` is never read as an application id.
  @Get('stats')
  @RequireScopes('applications:read')
  @ApiOperation({
    summary:
      'Statistics over your applications: counts per status, response rate, median days to first response',
    description:
      'Over your applications whose `dateField` lies in [`from`, `to`) (all of them without a range). ' +
      '**applied**: applications that were sent (`appliedAt` set). **First response**: the first transition, ' +
      'after being applied, into `screening`, `interviewing`, `offer` or `rejected`. **responseRate** = ' +
      'responded / applied (null when nothing was sent). **medianDaysToFirstResponse**: median of ' +
      '(firstResponseAt − appliedAt) in days over the responded ones (null when none).',
  })
  @ApiOkResponse({ type: ApplicationStatsDto })
  stats(
    @CurrentPrincipal() caller: Principal,
    @Query() query: ApplicationStatsQueryDto,
  ): Promise<ApplicationStatsDto> {
    return this.applications.stats(caller.userId, query);
  }

  @Get(':id')
  @RequireScopes('applications:read')
  @ApiOperation({ summary: 'Read one of your applications' })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblemResponse(404, NOT_FOUND)
  get(@CurrentPrincipal() caller: Principal, @Param('id') id: string): Promise<ApplicationDto> {
    return this.applications.get(caller.userId, id);
  }

  @Patch(':id')
  @RequireScopes('applications:write')
  @ApiOperation({
    summary: 'Update an application’s fields (not its status: use transitions and reopen)',
    description: 'Absent fields stay as they are; `null` clears an optional field; lists are replaced whole.',
  })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblemResponse(404, NOT_FOUND)
  @ApiProblemResponse(422, 'The resume or version is not one of yours (`resume_not_found`)')
  update(
    @CurrentPrincipal() caller: Principal,
    @Param('id') id: string,
    @Body() body: UpdateApplicationDto,
  ): Promise<ApplicationDto> {
    return this.applications.update(caller.userId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireScopes('applications:write')
  @ApiOperation({ summary: 'Delete an application and its timeline' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblemResponse(404, NOT_FOUND)
  remove(@CurrentPrincipal() caller: Principal, @Param('id') id: string): Promise<void> {
    return this.applications.remove(caller.userId, id);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @RequireScopes('applications:write')
  @AuditAction('application.transition')
  @ApiOperation({
    summary: 'Move an application to another status; recorded on its timeline',
    description: describeStatusMachine(),
  })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblemResponse(400, EVENT_TIME)
  @ApiProblemResponse(404, NOT_FOUND)
  @ApiProblemResponse(
    409,
    'Not allowed from the current status (`invalid_transition`, with `allowedTransitions`)',
  )
  transition(
    @CurrentPrincipal() caller: Principal,
    @Param('id') id: string,
    @Body() body: TransitionApplicationDto,
  ): Promise<ApplicationDto> {
    return this.applications.transition(caller, id, body);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @RequireScopes('applications:write')
  @AuditAction('application.reopen')
  @ApiOperation({
    summary: 'Reopen a closed application: back to the status it had before it closed',
    description:
      'Only for `accepted`, `rejected` or `withdrawn` applications. The application returns to the open ' +
      'status it had just before it closed (e.g. `interviewing → rejected`, reopened, is `interviewing`); ' +
      '`closedAt` is cleared; `appliedAt` and `firstResponseAt` are kept.',
  })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblemResponse(400, EVENT_TIME)
  @ApiProblemResponse(404, NOT_FOUND)
  @ApiProblemResponse(409, 'The application is open (`application_not_closed`)')
  reopen(
    @CurrentPrincipal() caller: Principal,
    @Param('id') id: string,
    @Body() body: ReopenApplicationDto,
  ): Promise<ApplicationDto> {
    return this.applications.reopen(caller, id, body);
  }

  @Post(':id/notes')
  @RequireScopes('applications:write')
  @AuditAction('application.note')
  @ApiOperation({ summary: 'Add a note to an application’s timeline' })
  @ApiCreatedResponse({ type: ApplicationEventDto })
  @ApiProblemResponse(400, EVENT_TIME)
  @ApiProblemResponse(404, NOT_FOUND)
  addNote(
    @CurrentPrincipal() caller: Principal,
    @Param('id') id: string,
    @Body() body: AddApplicationNoteDto,
  ): Promise<ApplicationEventDto> {
    return this.applications.addNote(caller, id, body);
  }

  @Get(':id/timeline')
  @RequireScopes('applications:read')
  @ApiOperation({
    summary: 'An application’s timeline: creation, status changes, reopenings and notes',
    description: 'Ordered by `at` (ties in recording order), newest first unless `order=asc`.',
  })
  @ApiOkResponse({ type: ApplicationEventPageDto })
  @ApiProblemResponse(404, NOT_FOUND)
  timeline(
    @CurrentPrincipal() caller: Principal,
    @Param('id') id: string,
    @Query() query: ApplicationTimelineQueryDto,
  ): Promise<CursorPage<ApplicationEventDto>> {
    return this.applications.timeline(caller.userId, id, query);
  }
}
