import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  Length,
} from 'class-validator';
import { CursorPageMetaDto, CursorPageQueryDto, SCOPES, type Scope } from '@app/core';

export class CreateApiKeyDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'CI resume builder' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({
    enum: SCOPES,
    isArray: true,
    example: ['resumes:read', 'generate'],
    description:
      'What the key may do; never more than the key that creates it. `admin` only for admin users.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SCOPES.length)
  @ArrayUnique()
  @IsIn(SCOPES, { each: true })
  scopes!: Scope[];

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the key stops working (in the future, at most 2 years ahead); none: never',
    example: '2027-06-30T00:00:00Z',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  expiresAt?: string;
}

export class ApiKeyDto {
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0b' }) id!: string;
  @ApiProperty({ example: 'CI resume builder' }) name!: string;
  @ApiProperty({ description: 'Visible part of the key, to recognise it', example: 'llm_live_ab12cd34' })
  prefix!: string;
  @ApiProperty({ enum: SCOPES, isArray: true }) scopes!: Scope[];
  @ApiProperty({ enum: ['active', 'revoked', 'expired'] }) status!: 'active' | 'revoked' | 'expired';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) rotatedAt!: string | null;
}

/** Returned by create and rotate only: the secret is shown this once and never again. */
export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    description: 'The secret key. Store it now: it is not stored by the server and cannot be shown again.',
    example: 'llm_live_ab12cd34_3q2-7wEvL0mZQ8f4p1XkYbNw9aT5sR6uV0cD2eH4jK8',
  })
  key!: string;
}

export class ApiKeyPageDto extends CursorPageMetaDto {
  @ApiProperty({ type: [ApiKeyDto] }) items!: ApiKeyDto[];
}

export class ListApiKeysQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ enum: ['active', 'revoked', 'expired'] })
  @IsOptional()
  @IsIn(['active', 'revoked', 'expired'])
  status?: 'active' | 'revoked' | 'expired';
}
