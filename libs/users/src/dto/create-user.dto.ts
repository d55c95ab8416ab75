import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';

import { ROLES } from '../user.schema';
import { UserPreferencesInputDto, UserProfileInputDto } from './user-profile.dto';

/** Admin: create a user. */
export class CreateUserDto {
  @ApiProperty({ description: 'Email address; stored lower-cased; unique', example: 'jane@example.com' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Jane Doe' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ enum: ROLES, default: 'user' })
  @IsOptional()
  @IsIn(ROLES)
  role?: (typeof ROLES)[number];

  @ApiPropertyOptional({ type: UserProfileInputDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => UserProfileInputDto)
  profile?: UserProfileInputDto;

  @ApiPropertyOptional({ type: UserPreferencesInputDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => UserPreferencesInputDto)
  preferences?: UserPreferencesInputDto;
}
