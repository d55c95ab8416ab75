import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** `?limit=&cursor=` on every list. Items come newest first, in a stable order (by id, descending). */
export class CursorPageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, description: 'Items per page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({
    description: 'The `nextCursor` of the previous page',
    example: '665f1c2e9b1d8a3f4c2e1a0b',
  })
  @IsOptional()
  @Matches(/^[0-9a-f]{24}$/, { message: 'cursor must be a nextCursor returned by this list' })
  cursor?: string;
}

/** The page envelope of every list: `{ items, nextCursor }`; `nextCursor` is null on the last page. */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** Documents `nextCursor` for list responses (each list's DTO adds its typed `items`). */
export class CursorPageMetaDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` to get the next page; null on the last page',
    example: '665f1c2e9b1d8a3f4c2e1a0b',
  })
  nextCursor!: string | null;
}
