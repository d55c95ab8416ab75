import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { type LinkedInExport } from '../linkedin/linkedin-export.types';
import { LINKEDIN_FILES, type LinkedInFileName } from '../linkedin/linkedin-files';

/** Response DTOs of `POST /api/v1/evidence/linkedin` (the shapes of linkedin-export.types.ts, documented). */

const date = (description = 'Partial ISO date: `YYYY` or `YYYY-MM`') =>
  ApiPropertyOptional({ example: '2021-03', description });

export class LinkedInSourceDto {
  @ApiProperty({ enum: LINKEDIN_FILES }) file!: LinkedInFileName;
  @ApiProperty({ example: 'Basic_LinkedInDataExport/Positions.csv', description: 'The entry in the archive' })
  entry!: string;
  @ApiProperty({ example: 2, description: '1-based line where the record starts (the header is line 1)' })
  line!: number;
}

class LinkedInRecordDto {
  @ApiProperty({ example: 'linkedin_position:1', description: 'Evidence reference of the record' })
  ref!: string;
  @ApiProperty({ type: LinkedInSourceDto }) source!: LinkedInSourceDto;
}

export class LinkedInWebsiteDto {
  @ApiPropertyOptional({ example: 'portfolio' }) label?: string;
  @ApiProperty({ example: 'https://ada.dev' }) url!: string;
}

export class LinkedInProfileDto extends LinkedInRecordDto {
  @ApiProperty() firstName!: string;
  @ApiProperty() lastName!: string;
  @ApiPropertyOptional() headline?: string;
  @ApiPropertyOptional() summary?: string;
  @ApiPropertyOptional() industry?: string;
  @ApiPropertyOptional() location?: string;
  @ApiProperty({ type: [LinkedInWebsiteDto] }) websites!: LinkedInWebsiteDto[];
  @ApiProperty({ type: [String] }) twitterHandles!: string[];
}

export class LinkedInPositionDto extends LinkedInRecordDto {
  @ApiProperty() company!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional() location?: string;
  @date() startDate?: string;
  @date('Absent for a current position') endDate?: string;
}

export class LinkedInEducationDto extends LinkedInRecordDto {
  @ApiProperty() school!: string;
  @ApiPropertyOptional() degree?: string;
  @ApiPropertyOptional() field?: string;
  @ApiPropertyOptional() notes?: string;
  @ApiPropertyOptional() activities?: string;
  @date() startDate?: string;
  @date() endDate?: string;
}

export class LinkedInSkillDto extends LinkedInRecordDto {
  @ApiProperty({ example: 'PostgreSQL' }) name!: string;
}

export class LinkedInCertificationDto extends LinkedInRecordDto {
  @ApiProperty() name!: string;
  @ApiPropertyOptional() authority?: string;
  @ApiPropertyOptional() url?: string;
  @ApiPropertyOptional() licenseNumber?: string;
  @date() startDate?: string;
  @date() endDate?: string;
}

export class LinkedInLanguageDto extends LinkedInRecordDto {
  @ApiProperty({ example: 'French' }) name!: string;
  @ApiPropertyOptional({ example: 'Professional working proficiency' }) proficiency?: string;
}

export class LinkedInProjectDto extends LinkedInRecordDto {
  @ApiProperty() title!: string;
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional() url?: string;
  @date() startDate?: string;
  @date() endDate?: string;
}

export class LinkedInEmailAddressDto extends LinkedInRecordDto {
  @ApiProperty() address!: string;
  @ApiProperty() primary!: boolean;
  @ApiProperty() confirmed!: boolean;
}

export class LinkedInFilesDto {
  @ApiProperty({ enum: LINKEDIN_FILES, isArray: true }) present!: LinkedInFileName[];
  @ApiProperty({ enum: LINKEDIN_FILES, isArray: true }) missing!: LinkedInFileName[];
}

export class LinkedInImportWarningDto {
  @ApiProperty({ enum: LINKEDIN_FILES }) file!: LinkedInFileName;
  @ApiProperty() line!: number;
  @ApiPropertyOptional({ description: 'The column, as named in the file’s header' }) column?: string;
  @ApiProperty() message!: string;
}

/** What a LinkedIn export says: every record with its evidence reference and its file and line. */
export class LinkedInExportDto implements LinkedInExport {
  @ApiPropertyOptional({ type: LinkedInProfileDto }) profile?: LinkedInProfileDto;
  @ApiProperty({ type: [LinkedInPositionDto] }) positions!: LinkedInPositionDto[];
  @ApiProperty({ type: [LinkedInEducationDto] }) education!: LinkedInEducationDto[];
  @ApiProperty({ type: [LinkedInSkillDto] }) skills!: LinkedInSkillDto[];
  @ApiProperty({ type: [LinkedInCertificationDto] }) certifications!: LinkedInCertificationDto[];
  @ApiProperty({ type: [LinkedInLanguageDto] }) languages!: LinkedInLanguageDto[];
  @ApiProperty({ type: [LinkedInProjectDto] }) projects!: LinkedInProjectDto[];
  @ApiProperty({ type: [LinkedInEmailAddressDto] }) emailAddresses!: LinkedInEmailAddressDto[];
  @ApiProperty({ type: LinkedInFilesDto, description: 'Which known files the archive held' })
  files!: LinkedInFilesDto;
  @ApiProperty({ type: [LinkedInImportWarningDto], description: 'What was tolerated rather than refused' })
  warnings!: LinkedInImportWarningDto[];
}
