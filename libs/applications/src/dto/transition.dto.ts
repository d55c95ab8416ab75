import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, Length } from 'class-validator';

import { APPLICATION_STATUSES, type ApplicationStatus } from '../application-status';
import { APPLICATION_LIMITS as LIMITS } from './application-input.dto';

const AT_DESCRIPTION =
  'When it happened (default: now). May be back-dated: not more than 5 minutes in the future, not more ' +
  'than 365 days before the application was created, and not before the previous status change.';

/** `POST /applications/{id}/transitions`. */
export class TransitionApplicationDto {
  @ApiProperty({ enum: APPLICATION_STATUSES, description: 'The status to move to', example: 'applied' })
  @IsIn(APPLICATION_STATUSES)
  to!: ApplicationStatus;

  @ApiPropertyOptional({ format: 'date-time', description: AT_DESCRIPTION })
  @IsOptional()
  @IsDateString({ strict: true })
  at?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.eventNote, description: 'A note kept on the timeline event' })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.eventNote)
  note?: string;
}

/** `POST /applications/{id}/reopen`. */
export class ReopenApplicationDto {
  @ApiPropertyOptional({ format: 'date-time', description: AT_DESCRIPTION })
  @IsOptional()
  @IsDateString({ strict: true })
  at?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.eventNote, description: 'Why it was reopened' })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.eventNote)
  note?: string;
}

/** `POST /applications/{id}/notes`. */
export class AddApplicationNoteDto {
  @ApiProperty({ minLength: 1, maxLength: LIMITS.eventNote, example: 'Recruiter called; panel next week.' })
  @IsString()
  @Length(1, LIMITS.eventNote)
  text!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'When it happened (default: now). May be back-dated: not more than 5 minutes in the future and not ' +
      'more than 365 days before the application was created (earlier than the latest status change is fine).',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  at?: string;
}
