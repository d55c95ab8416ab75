import { ApiProperty } from '@nestjs/swagger';

import { type DateField, DATE_FIELDS, ApplicationDateRangeQueryDto } from './application.dto';

/** `GET /applications/stats`: an optional date range (no pagination). */
export class ApplicationStatsQueryDto extends ApplicationDateRangeQueryDto {}

export class ApplicationStatusCountsDto {
  @ApiProperty({ example: 2 }) draft!: number;
  @ApiProperty({ example: 5 }) applied!: number;
  @ApiProperty({ example: 1 }) screening!: number;
  @ApiProperty({ example: 1 }) interviewing!: number;
  @ApiProperty({ example: 0 }) offer!: number;
  @ApiProperty({ example: 0 }) accepted!: number;
  @ApiProperty({ example: 3 }) rejected!: number;
  @ApiProperty({ example: 1 }) withdrawn!: number;
}

export class ApplicationStatsRangeDto {
  @ApiProperty({ enum: DATE_FIELDS }) dateField!: DateField;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) from!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) to!: string | null;
}

export class ApplicationStatsDto {
  @ApiProperty({ description: 'Applications in the range', example: 13 }) total!: number;
  @ApiProperty({ description: 'Of which open (not accepted, rejected or withdrawn)', example: 9 })
  open!: number;
  @ApiProperty({ description: 'Of which closed', example: 4 }) closed!: number;
  @ApiProperty({
    type: ApplicationStatusCountsDto,
    description: 'Count per current status (every status listed)',
  })
  byStatus!: ApplicationStatusCountsDto;
  @ApiProperty({ description: 'Applications that were sent (`appliedAt` set)', example: 11 })
  applied!: number;
  @ApiProperty({
    description:
      'Sent applications that got a first response: a transition, after being applied, into screening, ' +
      'interviewing, offer or rejected (whatever their status now)',
    example: 5,
  })
  responded!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '`responded / applied`, 0..1 rounded to 4 decimals; null when nothing was sent',
    example: 0.4545,
  })
  responseRate!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Median over responded applications of (firstResponseAt − appliedAt) in days (fractional; the mean of ' +
      'the two middle values for an even count), rounded to 2 decimals; null when nothing got a response',
    example: 6.5,
  })
  medianDaysToFirstResponse!: number | null;
  @ApiProperty({ type: ApplicationStatsRangeDto }) range!: ApplicationStatsRangeDto;
}
