import { ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

import { ROLES } from '../user.schema';
import { CreateUserDto } from './create-user.dto';

/** `PATCH /users/me`: your own name, profile and preferences (email and role are not yours to change). */
export class UpdateMeDto extends PartialType(
  PickType(CreateUserDto, ['name', 'profile', 'preferences'] as const),
) {}

/** Admin `PATCH /users/{id}`: name, role, profile, preferences. */
export class UpdateUserDto extends UpdateMeDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: (typeof ROLES)[number];
}
