import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

import { TEMPLATE_IDS, type TemplateId } from '../templates';

export const PAPER_SIZES = ['letter', 'a4'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/** How to render: the template and its options, and the page limit the result is checked against. */
export class RenderRequestDto {
  @ApiPropertyOptional({ enum: TEMPLATE_IDS, default: 'classic' })
  @IsOptional()
  @IsIn(TEMPLATE_IDS)
  template?: TemplateId;

  @ApiPropertyOptional({ enum: PAPER_SIZES, default: 'letter' })
  @IsOptional()
  @IsIn(PAPER_SIZES)
  paper?: PaperSize;

  @ApiPropertyOptional({
    default: false,
    description: 'Show evidence references as numbered footnote links',
  })
  @IsOptional()
  @IsBoolean()
  showEvidence?: boolean;

  @ApiPropertyOptional({ example: '#1f6feb', description: 'Accent colour (templates that use one: modern)' })
  @IsOptional()
  @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'accentColor must be a colour like #1f6feb' })
  accentColor?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 5,
    default: 1,
    description: 'Pages the resume should fit; more is reported as `overflow` (the PDF still has them all)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  maxPages?: number;
}

export class AtsMissingDto {
  @ApiProperty({ enum: ['skill', 'employer', 'title', 'project', 'institution', 'date'] })
  kind!: string;
  @ApiProperty({ example: 'Kubernetes' }) value!: string;
}

export class AtsReportDto {
  @ApiProperty({ description: 'Facts of the document looked for in the PDF text' }) checked!: number;
  @ApiProperty({ description: 'Of those, found in the text pdftotext extracts (what an ATS reads)' })
  recovered!: number;
  @ApiProperty({ type: [AtsMissingDto], description: 'What an ATS would not find' })
  missing!: AtsMissingDto[];
}

export class RenderReportDto {
  @ApiProperty({ enum: TEMPLATE_IDS }) template!: TemplateId;
  @ApiProperty({ example: '1.0.0', description: 'Template version (part of the compile cache key)' })
  templateVersion!: string;
  @ApiProperty({ enum: PAPER_SIZES }) paper!: PaperSize;
  @ApiProperty() showEvidence!: boolean;
  @ApiProperty({ example: 1 }) pages!: number;
  @ApiProperty({ example: 1 }) maxPages!: number;
  @ApiProperty({ description: 'More pages than `maxPages`' }) overflow!: boolean;
  @ApiProperty({ type: AtsReportDto }) ats!: AtsReportDto;
  @ApiProperty({ description: 'Served from the compile cache (no pdflatex run)' }) cached!: boolean;
  @ApiProperty({ description: 'pdflatex time of the compile that produced this PDF (ms)' })
  compileMs!: number;
}

export class TemplateDto {
  @ApiProperty({ enum: TEMPLATE_IDS }) id!: TemplateId;
  @ApiProperty({ example: 'Classic' }) name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: '1.0.0' }) version!: string;
  @ApiProperty({ enum: PAPER_SIZES, isArray: true }) papers!: PaperSize[];
  @ApiProperty({ description: 'Whether `accentColor` applies' }) accentColor!: boolean;
  @ApiProperty({
    example: '/api/v1/templates/classic/preview.png',
    description: 'A PNG of page 1 of a sample',
  })
  previewUrl!: string;
}

export class TemplateListDto {
  @ApiProperty({ type: [TemplateDto] }) items!: TemplateDto[];
}
