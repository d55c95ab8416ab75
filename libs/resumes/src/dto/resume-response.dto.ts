import { RenderReportDto } from '@app/render';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CursorPageMetaDto } from '@app/core';

import { ResumeDocumentDto } from '../document/resume-document.dto';
import { ARTIFACT_KINDS } from '../resume-artifact.schema';
import { VERSION_SOURCES } from '../resume-version.schema';

export class ResumeSummaryDto {
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0b' }) id!: string;
  @ApiProperty({ example: 'Backend — Acme' }) title!: string;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: String, nullable: true }) targetCompany!: string | null;
  @ApiProperty({ type: String, nullable: true }) targetRole!: string | null;
  @ApiProperty() archived!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) archivedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deletedAt!: string | null;
  @ApiProperty({ description: 'Number of the latest version', example: 3 }) currentVersion!: number;
  @ApiProperty({ description: 'Strong ETag of the latest version: send it as If-Match to edit' })
  etag!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ResumeDto extends ResumeSummaryDto {
  @ApiProperty({ type: ResumeDocumentDto, description: 'The document of the latest version' })
  document!: ResumeDocumentDto;
}

export class ResumePageDto extends CursorPageMetaDto {
  @ApiProperty({ type: [ResumeSummaryDto] }) items!: ResumeSummaryDto[];
}

export class ImportedResumeDto extends ResumeDto {
  @ApiProperty({
    type: [String],
    description: 'JSON Resume paths this model does not keep (e.g. /awards, /basics/image)',
    example: ['/awards', '/basics/image'],
  })
  dropped!: string[];
}

export class VersionAuthorDto {
  @ApiProperty() userId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'llm_live_ab12cd34' }) keyPrefix!: string | null;
}

export class ResumeVersionSummaryDto {
  @ApiProperty() resumeId!: string;
  @ApiProperty({ example: 2 }) number!: number;
  @ApiProperty({ description: 'Strong ETag of this version' }) etag!: string;
  @ApiProperty({ enum: VERSION_SOURCES }) source!: (typeof VERSION_SOURCES)[number];
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: VersionAuthorDto }) author!: VersionAuthorDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ResumeVersionDto extends ResumeVersionSummaryDto {
  @ApiProperty({ type: ResumeDocumentDto }) document!: ResumeDocumentDto;
}

export class ResumeVersionPageDto extends CursorPageMetaDto {
  @ApiProperty({ type: [ResumeVersionSummaryDto] }) items!: ResumeVersionSummaryDto[];
}

const CHANGE_OPS = ['added', 'removed', 'changed', 'moved'] as const;
type ChangeOp = (typeof CHANGE_OPS)[number];

export class FieldChangeDto {
  @ApiProperty({
    description: 'JSON pointer: in the newer version, or the older one when removed',
    example: '/experience/0/position',
  })
  path!: string;
  @ApiProperty({ enum: CHANGE_OPS, description: '`moved`: the same entry in a different order' })
  op!: ChangeOp;
  @ApiPropertyOptional({ description: 'Pointer in the older version when it differs from `path`' })
  from?: string;
  @ApiPropertyOptional({ description: 'The value in the older version' }) before?: unknown;
  @ApiPropertyOptional({ description: 'The value in the newer version' }) after?: unknown;
}

export class BulletChangeDto {
  @ApiProperty({ enum: CHANGE_OPS }) op!: ChangeOp;
  @ApiProperty({ example: '/experience/0/bullets/1' }) path!: string;
  @ApiPropertyOptional() from?: string;
  @ApiPropertyOptional() before?: string;
  @ApiPropertyOptional() after?: string;
  @ApiPropertyOptional({ description: 'For `changed`: word similarity of the two texts, 0..1' })
  similarity?: number;
}

/** The bullets of one experience or project entry, matched across the versions by identity, not position. */
export class EntryBulletDiffDto {
  @ApiProperty({ enum: ['experience', 'projects'] }) section!: 'experience' | 'projects';
  @ApiProperty({ enum: ['added', 'removed', 'matched'] }) op!: 'added' | 'removed' | 'matched';
  @ApiProperty({ example: 'Senior Backend Engineer — Acme GmbH' }) title!: string;
  @ApiProperty({ example: '/experience/0' }) path!: string;
  @ApiPropertyOptional() from?: string;
  @ApiProperty({ type: [BulletChangeDto] }) bullets!: BulletChangeDto[];
}

export class ChangeCountsDto {
  @ApiProperty() added!: number;
  @ApiProperty() removed!: number;
  @ApiProperty() changed!: number;
  @ApiProperty() moved!: number;
}

export class ResumeDiffDto {
  @ApiProperty({ example: 1 }) from!: number;
  @ApiProperty({ example: 2 }) to!: number;
  @ApiProperty({ type: [FieldChangeDto] }) changes!: FieldChangeDto[];
  @ApiProperty({ type: [EntryBulletDiffDto], description: 'Bullet-level view of experience and projects' })
  entries!: EntryBulletDiffDto[];
  @ApiProperty({ type: ChangeCountsDto }) counts!: ChangeCountsDto;
  @ApiProperty({
    description: 'Unified diff of the Markdown renderings',
    example: '--- v1\n+++ v2\n@@ -1,3 +1,3 @@\n…',
  })
  unified!: string;
}

export class ArtifactRenderDto {
  @ApiProperty({ example: 'classic' }) template!: string;
  @ApiProperty({ example: '1.0.0' }) templateVersion!: string;
  @ApiProperty({ enum: ['letter', 'a4'] }) paper!: string;
  @ApiProperty() showEvidence!: boolean;
  @ApiPropertyOptional({ example: '#1f6feb' }) accentColor?: string;
  @ApiProperty({ example: 1 }) pages!: number;
}

export class ArtifactDto {
  @ApiProperty({ enum: ARTIFACT_KINDS }) kind!: (typeof ARTIFACT_KINDS)[number];
  @ApiProperty({ description: 'False until rendered (TeX and PDF come from the render step)' })
  available!: boolean;
  @ApiPropertyOptional({ example: 'text/markdown; charset=utf-8' }) contentType?: string;
  @ApiPropertyOptional({ example: 'backend-acme-v2.md' }) filename?: string;
  @ApiPropertyOptional({ example: 2048 }) size?: number;
  @ApiPropertyOptional({ description: 'Strong ETag of the bytes' }) etag?: string;
  @ApiPropertyOptional({
    description: 'Where to download it (TeX and PDF not rendered yet are rendered by their first download)',
  })
  url?: string;
  @ApiPropertyOptional({ type: ArtifactRenderDto, description: 'TeX and PDF: how they were rendered' })
  render?: ArtifactRenderDto;
}

/** `POST …/versions/{v}/render`: how the render went, and the version's artifacts after it. */
export class RenderedVersionDto extends RenderReportDto {
  @ApiProperty({ type: [ArtifactDto] }) artifacts!: ArtifactDto[];
}
