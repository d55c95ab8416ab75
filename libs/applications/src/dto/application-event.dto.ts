import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CursorPageMetaDto, CursorPageQueryDto } from '@app/core';

import { APPLICATION_STATUSES, type ApplicationStatus } from '../application-status';
import { TIMELINE_EVENT_TYPES, type TimelineEventType } from '../application-event.schema';

export class ApplicationEventActorDto {
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0b' }) userId!: string;
  @ApiProperty({ description: 'The API key’s visible prefix', example: 'llm_live_ab12cd34' })
  keyPrefix!: string;
}

export class ApplicationEventDto {
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0e' }) id!: string;
  @ApiProperty({
    enum: TIMELINE_EVENT_TYPES,
    description: '`created` (recorded), `status_changed`, `reopened`, or a `note`',
  })
  type!: TimelineEventType;
  @ApiProperty({ enum: APPLICATION_STATUSES, nullable: true, description: 'Status before (status events)' })
  from!: ApplicationStatus | null;
  @ApiProperty({ enum: APPLICATION_STATUSES, nullable: true, description: 'Status after (status events)' })
  to!: ApplicationStatus | null;
  @ApiProperty({ type: String, nullable: true, description: 'The note text, or a status change’s note' })
  note!: string | null;
  @ApiProperty({ format: 'date-time', description: 'When it happened (may be back-dated by the client)' })
  at!: string;
  @ApiProperty({ format: 'date-time', description: 'When the server recorded it' }) recordedAt!: string;
  @ApiProperty({ type: ApplicationEventActorDto }) actor!: ApplicationEventActorDto;
}

export class ApplicationEventPageDto extends CursorPageMetaDto {
  @ApiProperty({ type: [ApplicationEventDto] }) items!: ApplicationEventDto[];
}

export class ApplicationTimelineQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({
    enum: ['desc', 'asc'],
    default: 'desc',
    description: 'By `at` (ties in recording order): `desc` newest first, `asc` oldest first',
  })
  @IsOptional()
  @IsIn(['desc', 'asc'])
  order: 'desc' | 'asc' = 'desc';
}
