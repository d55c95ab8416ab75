import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Types } from 'mongoose';
import {
  Clock,
  type CursorPage,
  DomainError,
  type Principal,
  type ProblemFieldErrorDto,
  flattenValidationErrors,
  KeyedMutex,
  toCursorPage,
} from '@app/core';
import { type RenderReportDto, type RenderRequestDto, RenderService } from '@app/render';

import {
  applyMergePatch,
  canonicalJson,
  diffDocuments,
  fromJsonResume,
  sha256Hex,
  toJsonResume,
  toMarkdown,
  unifiedDiff,
} from './document';
import { type ResumeDocument, ResumeDocumentDto } from './document/resume-document.dto';
import {
  type CreateResumeDto,
  type ImportJsonResumeDto,
  type ListResumesQueryDto,
  type UpdateResumeDto,
} from './dto/resume-request.dto';
import {
  type ArtifactDto,
  type ImportedResumeDto,
  type ResumeDiffDto,
  type RenderedVersionDto,
  type ResumeDto,
  type ResumeSummaryDto,
  type ResumeVersionDto,
  type ResumeVersionSummaryDto,
} from './dto/resume-response.dto';
import {
  ARTIFACT_KINDS,
  type ArtifactKind,
  type ArtifactRenderInfo,
  RENDERED_KINDS,
} from './resume-artifact.schema';
import { type VersionRenderOptions, type VersionSource } from './resume-version.schema';
import {
  type NewArtifact,
  type ResumeMeta,
  type ResumeRecord,
  ResumeRepository,
  type VersionRecord,
  VersionConflictError,
} from './resume.repository';
import {
  ResumesErrorCode,
  assertValidJsonResume,
  invalidDocument,
  resumeNotFound,
  staleVersion,
  versionNotFound,
} from './resumes.errors';

/** A file to send: bytes, how to label them, and the strong ETag. */
export interface Download {
  data: Buffer;
  contentType: string;
  filename: string;
  etag: string;
}

export interface NewVersionOptions {
  source: VersionSource;
  reason?: string;
  /** The client's If-Match: the edit applies only if the latest version still has this ETag. */
  ifMatch?: string;
  /** The generation job writing it (recorded, so a retried job finds its version instead of writing another). */
  generationId?: string;
  /** How the version's TeX and PDF are rendered on first download. */
  renderOptions?: VersionRenderOptions;
}

const CONTENT_TYPES: Record<ArtifactKind, { contentType: string; extension: string }> = {
  markdown: { contentType: 'text/markdown; charset=utf-8', extension: 'md' },
  'json-resume': { contentType: 'application/json; charset=utf-8', extension: 'json' },
  tex: { contentType: 'application/x-tex; charset=utf-8', extension: 'tex' },
  pdf: { contentType: 'application/pdf', extension: 'pdf' },
};
const MAX_WRITE_ATTEMPTS = 6;

let lastRenderSeq = 0;
/** Increasing render sequence numbers: the start time in microseconds, unique within this process. */
function nextRenderSeq(): number {
  lastRenderSeq = Math.max(
    lastRenderSeq + 1,
    Math.floor((performance.timeOrigin + performance.now()) * 1000),
  );
  return lastRenderSeq;
}

/**
 * Resumes and their immutable versions. Every document change is a new version (N+1) with its author,
 * reason and source; a version's bytes never change. Concurrent edits are ordered by a unique index on
 * (resume, number): of two edits based on the same version one wins and the other gets a 412.
 */
@Injectable()
export class ResumesService {
  private readonly renderLocks = new KeyedMutex();

  constructor(
    private readonly resumes: ResumeRepository,
    private readonly render: RenderService,
    private readonly clock: Clock,
  ) {}

  async create(caller: Principal, input: CreateResumeDto): Promise<ResumeDto> {
    return this.createWith(caller, input, input.document, { source: 'manual', reason: input.reason });
  }

  /** Whether the resume (not deleted) has this version. */
  async hasVersion(ownerId: string, id: string, number: number): Promise<boolean> {
    const resume = await this.resumes.findById(ownerId, id);
    return resume !== null && (await this.resumes.findVersion(ownerId, id, number)) !== null;
  }

  /**
   * Stores a generated document: a new resume, or version N+1 of `resumeId`. Idempotent per generation: a
   * job retried after a crash finds the version it wrote instead of writing another.
   */
  async storeGenerated(
    caller: Principal,
    input: {
      generationId: string;
      document: ResumeDocument;
      reason: string;
      renderOptions?: VersionRenderOptions;
      resumeId?: string;
      title: string;
      targetCompany?: string;
      targetRole?: string;
    },
  ): Promise<{ resumeId: string; version: number }> {
    const existing = await this.resumes.findVersionByGeneration(caller.userId, input.generationId);
    if (existing) return { resumeId: existing.resumeId, version: existing.number };
    const options = {
      source: 'generation' as const,
      reason: input.reason,
      generationId: input.generationId,
      ...(input.renderOptions ? { renderOptions: input.renderOptions } : {}),
    };
    if (input.resumeId) {
      const version = await this.addVersion(caller, input.resumeId, () => input.document, options);
      if (input.renderOptions)
        await this.keepRenderedAs(caller.userId, input.resumeId, version.number, input.renderOptions);
      return { resumeId: input.resumeId, version: version.number };
    }
    const created = await this.createWith(
      caller,
      { title: input.title, targetCompany: input.targetCompany, targetRole: input.targetRole },
      input.document,
      options,
    );
    return { resumeId: created.id, version: 1 };
  }

  async importJsonResume(caller: Principal, input: ImportJsonResumeDto): Promise<ImportedResumeDto> {
    assertValidJsonResume(input.jsonResume);
    const { document, dropped } = fromJsonResume(input.jsonResume);
    const title =
      input.title ??
      (document.basics.label ? `${document.basics.name} — ${document.basics.label}` : document.basics.name);
    const created = await this.createWith(caller, { ...input, title }, document, {
      source: 'import',
      reason: 'Imported from JSON Resume',
    });
    return { ...created, dropped };
  }

  async list(ownerId: string, query: ListResumesQueryDto): Promise<CursorPage<ResumeSummaryDto>> {
    const rows = await this.resumes.list(ownerId, {
      ...query,
      createdFrom: query.createdFrom ? new Date(query.createdFrom) : undefined,
      createdTo: query.createdTo ? new Date(query.createdTo) : undefined,
    });
    const heads = await this.resumes.latestVersionsOf(ownerId, rows);
    const summaries = await Promise.all(
      rows.map(async (row) => this.toSummary(row, heads.get(row.id) ?? (await this.headVersion(row)))),
    );
    return toCursorPage(summaries, query.limit);
  }

  async get(ownerId: string, id: string): Promise<ResumeDto> {
    const resume = await this.find(ownerId, id);
    const head = await this.headVersion(resume);
    return { ...this.toSummary(resume, head), document: parseDocument(head) };
  }

  /** Metadata and/or a merge patch on the document (a new version when the document changes). */
  async update(caller: Principal, id: string, input: UpdateResumeDto, ifMatch?: string): Promise<ResumeDto> {
    const { document: patch, reason, ...meta } = input;
    if (!patch && Object.values(meta).every((value) => value === undefined)) {
      throw new DomainError({
        status: 400,
        code: ResumesErrorCode.NothingToUpdate,
        detail: 'Send document and/or title, tags, targetCompany, targetRole.',
      });
    }
    if (patch) {
      await this.addVersion(caller, id, (current) => applyMergePatch(current, patch) as ResumeDocument, {
        source: 'manual',
        reason,
        ifMatch,
      });
    } else if (ifMatch) {
      const resume = await this.find(caller.userId, id);
      this.checkPrecondition(ifMatch, await this.headVersion(resume));
    }
    if (Object.values(meta).some((value) => value !== undefined)) {
      const updated = await this.resumes.update(caller.userId, id, toMeta(meta));
      if (!updated) throw resumeNotFound();
    }
    return this.get(caller.userId, id);
  }

  /**
   * Writes version N+1 from the latest version's document (`next` computes it) — the one way content
   * changes; generation uses it with `source: 'generation'`. An unchanged document writes nothing.
   */
  async addVersion(
    caller: Principal,
    id: string,
    next: (current: ResumeDocument) => ResumeDocument,
    options: NewVersionOptions,
  ): Promise<ResumeVersionSummaryDto> {
    for (let attempt = 1; ; attempt++) {
      const resume = await this.find(caller.userId, id);
      const head = await this.headVersion(resume);
      if (options.ifMatch) this.checkPrecondition(options.ifMatch, head);
      const document = await this.validated(next(parseDocument(head)));
      const documentJson = canonicalJson(document);
      // The same document is no new version — unless it asks to be rendered differently (a generation for
      // another template or paper): its TeX and PDF follow the version's render options.
      if (documentJson === head.documentJson && sameRenderOptions(head.renderOptions, options.renderOptions))
        return this.toVersionSummary(head);
      try {
        const version = await this.writeVersion(caller, resume, head.number + 1, documentJson, options);
        return this.toVersionSummary(version);
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        // Someone else wrote N+1 first: with If-Match the client must re-read; without, retry on the new head.
        if (options.ifMatch) throw staleVersion(etagOfVersion(await this.headVersion(resume)));
        if (attempt >= MAX_WRITE_ATTEMPTS) {
          throw new DomainError({
            status: 409,
            code: ResumesErrorCode.EditConflict,
            detail: 'Other edits to this resume kept landing first; read it again and retry.',
          });
        }
        // Back off a little, with jitter, so racing writers do not collide again in lockstep.
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    }
  }

  async setArchived(ownerId: string, id: string, archived: boolean): Promise<ResumeDto> {
    const updated = await this.resumes.update(ownerId, id, {
      archivedAt: archived ? this.clock.now() : null,
    });
    if (!updated) throw resumeNotFound();
    return this.get(ownerId, id);
  }

  /** Soft delete (restorable), or with `permanent` every version and artifact goes too. */
  async remove(ownerId: string, id: string, permanent: boolean): Promise<void> {
    const removed = permanent
      ? await this.resumes.purge(ownerId, id)
      : (await this.resumes.update(ownerId, id, { deletedAt: this.clock.now() })) !== null;
    if (!removed) throw resumeNotFound();
  }

  async restore(ownerId: string, id: string): Promise<ResumeDto> {
    const restored = await this.resumes.update(ownerId, id, { deletedAt: null }, { includeDeleted: true });
    if (!restored) throw resumeNotFound();
    return this.get(ownerId, id);
  }

  async listVersions(
    ownerId: string,
    id: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<CursorPage<ResumeVersionSummaryDto>> {
    await this.find(ownerId, id);
    const page = toCursorPage(await this.resumes.listVersions(ownerId, id, cursor, limit), limit);
    return { items: page.items.map((row) => this.toVersionSummary(row)), nextCursor: page.nextCursor };
  }

  /** Whether the owner has this resume (not deleted) at this version: for references from applications. */
  async versionExists(ownerId: string, id: string, number: number): Promise<boolean> {
    const resume = await this.resumes.findById(ownerId, id);
    return resume !== null && (await this.resumes.findVersion(ownerId, id, number)) !== null;
  }

  async getVersion(ownerId: string, id: string, number: number): Promise<ResumeVersionDto> {
    await this.find(ownerId, id);
    const version = await this.version(ownerId, id, number);
    return { ...this.toVersionSummary(version), document: parseDocument(version) };
  }

  async diff(ownerId: string, id: string, from: number, to: number): Promise<ResumeDiffDto> {
    await this.find(ownerId, id);
    const [a, b] = await Promise.all([this.version(ownerId, id, from), this.version(ownerId, id, to)]);
    const [docA, docB] = [parseDocument(a), parseDocument(b)];
    const structured = diffDocuments(docA, docB);
    return {
      from,
      to,
      changes: structured.changes,
      entries: structured.entries,
      counts: structured.counts,
      unified: unifiedDiff(toMarkdown(docA), toMarkdown(docB), { fromLabel: `v${from}`, toLabel: `v${to}` }),
    };
  }

  async listArtifacts(ownerId: string, id: string, number: number): Promise<ArtifactDto[]> {
    await this.find(ownerId, id);
    await this.version(ownerId, id, number);
    const stored = new Map((await this.resumes.listArtifacts(ownerId, id, number)).map((a) => [a.kind, a]));
    return ARTIFACT_KINDS.map((kind) => {
      const artifact = stored.get(kind);
      const url = `/api/v1/resumes/${id}/versions/${number}/artifacts/${kind}`;
      // TeX and PDF not rendered yet are rendered by their download (so the link is given already).
      if (!artifact) return { kind, available: false, ...(RENDERED_KINDS.includes(kind) ? { url } : {}) };
      return {
        kind,
        available: true,
        contentType: artifact.contentType,
        filename: artifact.filename,
        size: artifact.size,
        etag: `"${artifact.sha256}"`,
        url,
        ...(artifact.render ? { render: artifact.render } : {}),
      };
    });
  }

  /**
   * A file of a version. TeX and PDF are rendered on first request (default options: classic, letter) and
   * kept; `POST …/render` renders them again with other options.
   */
  async artifact(ownerId: string, id: string, number: number, kind: ArtifactKind): Promise<Download> {
    const resume = await this.find(ownerId, id);
    let artifact = await this.resumes.findArtifact(ownerId, id, number, kind);
    if (!artifact?.data && RENDERED_KINDS.includes(kind)) {
      const version = await this.version(ownerId, id, number);
      await this.renderAndStore(ownerId, resume, version, (version.renderOptions ?? {}) as RenderRequestDto);
      artifact = await this.resumes.findArtifact(ownerId, id, number, kind);
    }
    if (!artifact?.data) {
      await this.version(ownerId, id, number); // a missing version is a 404 of its own
      throw new DomainError({
        status: 404,
        code: ResumesErrorCode.ArtifactNotAvailable,
        detail: `Version ${number} has no ${kind} artifact.`,
      });
    }
    return {
      data: artifact.data,
      contentType: artifact.contentType,
      filename: artifact.filename,
      etag: `"${artifact.sha256}"`,
    };
  }

  /** Renders a version with the given template and options, replacing its TeX and PDF artifacts. */
  async renderVersion(
    ownerId: string,
    id: string,
    number: number,
    request: RenderRequestDto,
  ): Promise<RenderedVersionDto> {
    const resume = await this.find(ownerId, id);
    const report = await this.renderAndStore(
      ownerId,
      resume,
      await this.version(ownerId, id, number),
      request,
    );
    return { ...report, artifacts: await this.listArtifacts(ownerId, id, number) };
  }

  /**
   * An unchanged document keeps its version (see addVersion); its rendered TeX and PDF, if any, must then be
   * the ones asked for — a `POST …/render` may have rendered it with other options since.
   */
  private async keepRenderedAs(
    ownerId: string,
    id: string,
    number: number,
    options: VersionRenderOptions,
  ): Promise<void> {
    const pdf = await this.resumes.findArtifact(ownerId, id, number, 'pdf');
    if (!pdf?.render) return; // not rendered yet: the first download renders with the version's options
    const differs =
      (options.template !== undefined && pdf.render.template !== options.template) ||
      (options.paper !== undefined && pdf.render.paper !== options.paper);
    if (differs) await this.renderVersion(ownerId, id, number, options as RenderRequestDto);
  }

  private async renderAndStore(
    ownerId: string,
    resume: ResumeRecord,
    version: VersionRecord,
    request: RenderRequestDto,
  ): Promise<RenderReportDto> {
    // Renders of one version are serialised here: with the sequence number below, TeX and PDF always come from
    // one render even on FerretDB, where a conditional upsert is not atomic (on MongoDB it is, across instances).
    return this.renderLocks.run(`${resume.id}:${version.number}`, async () => {
      const renderSeq = nextRenderSeq();
      const rendered = await this.render.render(parseDocument(version), request);
      const { report } = rendered;
      const info: ArtifactRenderInfo = {
        template: report.template,
        templateVersion: report.templateVersion,
        paper: report.paper,
        showEvidence: report.showEvidence,
        ...(rendered.options.accentColor ? { accentColor: rendered.options.accentColor } : {}),
        pages: report.pages,
      };
      const base = `${slug(resume.title)}-v${version.number}`;
      const now = this.clock.now();
      const files: [ArtifactKind, Buffer][] = [
        ['tex', Buffer.from(rendered.tex, 'utf8')],
        ['pdf', rendered.pdf],
      ];
      await this.resumes.upsertArtifacts(
        ownerId,
        resume.id,
        files.map(([kind, data]) => ({
          kind,
          version: version.number,
          contentType: CONTENT_TYPES[kind].contentType,
          filename: `${base}.${CONTENT_TYPES[kind].extension}`,
          data,
          size: data.length,
          sha256: sha256Hex(data),
          createdAt: now,
          render: info,
        })),
        renderSeq,
      );
      return report;
    });
  }

  private async createWith(
    caller: Principal,
    meta: Pick<CreateResumeDto, 'title' | 'tags' | 'targetCompany' | 'targetRole'>,
    document: ResumeDocument,
    options: NewVersionOptions,
  ): Promise<ResumeDto> {
    const valid = await this.validated(document);
    const id = new Types.ObjectId().toString();
    const record: ResumeMeta = {
      title: meta.title,
      tags: meta.tags ?? [],
      targetCompany: meta.targetCompany || null,
      targetRole: meta.targetRole || null,
    };
    await this.writeVersion(caller, { id, title: record.title }, 1, canonicalJson(valid), options);
    await this.resumes.create(caller.userId, id, record);
    return this.get(caller.userId, id);
  }

  private async writeVersion(
    caller: Principal,
    resume: { id: string; title: string },
    number: number,
    documentJson: string,
    options: NewVersionOptions,
  ): Promise<VersionRecord> {
    const now = this.clock.now();
    // The Markdown and JSON Resume files are made with the version (TeX and PDF on first download), and a
    // document no template can typeset never becomes a version.
    const document = JSON.parse(documentJson) as ResumeDocument;
    this.render.assertRenderable(document);
    const base = `${slug(resume.title)}-v${number}`;
    const files: [ArtifactKind, string][] = [
      ['markdown', toMarkdown(document)],
      ['json-resume', `${JSON.stringify(toJsonResume(document), null, 2)}\n`],
    ];
    const artifacts: NewArtifact[] = files.map(([kind, text]) => {
      const data = Buffer.from(text, 'utf8');
      return {
        kind,
        version: number,
        contentType: CONTENT_TYPES[kind].contentType,
        filename: `${base}.${CONTENT_TYPES[kind].extension}`,
        data,
        size: data.length,
        sha256: sha256Hex(text),
        createdAt: now,
        render: null,
      };
    });
    const version = await this.resumes.insertVersion(caller.userId, {
      resumeId: resume.id,
      number,
      documentJson,
      hash: sha256Hex(documentJson),
      source: options.source,
      reason: options.reason ?? null,
      generationId: options.generationId ?? null,
      renderOptions: options.renderOptions ?? null,
      author: { userId: caller.userId, keyPrefix: caller.keyPrefix || null },
      createdAt: now,
    });
    await this.resumes.insertArtifacts(caller.userId, resume.id, artifacts);
    return version;
  }

  private async validated(document: unknown): Promise<ResumeDocument> {
    if (!document || typeof document !== 'object' || Array.isArray(document)) {
      throw invalidDocument([
        { in: 'body', field: 'document', rule: 'isObject', message: 'document must be an object' },
      ]);
    }
    const instance = plainToInstance(ResumeDocumentDto, document);
    const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      const fields: ProblemFieldErrorDto[] = flattenValidationErrors(errors, 'document').map((e) => ({
        in: 'body',
        ...e,
      }));
      throw invalidDocument(fields);
    }
    return document as ResumeDocument;
  }

  private checkPrecondition(ifMatch: string, head: VersionRecord): void {
    const current = etagOfVersion(head);
    const candidates = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    if (!candidates.includes('*') && !candidates.includes(current)) throw staleVersion(current);
  }

  private async find(ownerId: string, id: string): Promise<ResumeRecord> {
    const resume = await this.resumes.findById(ownerId, id);
    if (!resume) throw resumeNotFound();
    return resume;
  }

  /** The latest version: the unique (resume, number) index decides it on every backend. */
  private async headVersion(resume: ResumeRecord): Promise<VersionRecord> {
    const head = await this.resumes.latestVersion(resume.ownerId, resume.id);
    if (!head) throw versionNotFound(1);
    return head;
  }

  private async version(ownerId: string, id: string, number: number): Promise<VersionRecord> {
    const version = await this.resumes.findVersion(ownerId, id, number);
    if (!version) throw versionNotFound(number);
    return version;
  }

  private toSummary(resume: ResumeRecord, head: VersionRecord): ResumeSummaryDto {
    return {
      id: resume.id,
      title: resume.title,
      tags: resume.tags,
      targetCompany: resume.targetCompany,
      targetRole: resume.targetRole,
      archived: resume.archivedAt !== null,
      archivedAt: resume.archivedAt?.toISOString() ?? null,
      deletedAt: resume.deletedAt?.toISOString() ?? null,
      currentVersion: head.number,
      etag: etagOfVersion(head),
      createdAt: resume.createdAt.toISOString(),
      updatedAt: resume.updatedAt.toISOString(),
    };
  }

  private toVersionSummary(version: VersionRecord): ResumeVersionSummaryDto {
    return {
      resumeId: version.resumeId,
      number: version.number,
      etag: etagOfVersion(version),
      source: version.source,
      reason: version.reason,
      author: version.author,
      createdAt: version.createdAt.toISOString(),
    };
  }
}

/** Strong ETag of a version: its number and content hash. */
export function etagOfVersion(version: { number: number; hash: string }): string {
  return `"v${version.number}-${version.hash.slice(0, 24)}"`;
}

function parseDocument(version: VersionRecord): ResumeDocument {
  return JSON.parse(version.documentJson) as ResumeDocument;
}

function toMeta(meta: {
  title?: string;
  tags?: string[];
  targetCompany?: string;
  targetRole?: string;
}): Partial<ResumeMeta> {
  return {
    title: meta.title,
    tags: meta.tags,
    targetCompany: meta.targetCompany === undefined ? undefined : meta.targetCompany || null,
    targetRole: meta.targetRole === undefined ? undefined : meta.targetRole || null,
  };
}

function slug(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, '-')
      .slice(0, 60) || 'resume'
  );
}

/**
 * No options asked for means "as the version was"; otherwise the template and paper decide (they change the TeX
 * and PDF; the page limit does not).
 */
function sameRenderOptions(
  head: VersionRenderOptions | null,
  next: VersionRenderOptions | undefined,
): boolean {
  if (!next) return true;
  return (
    (head?.template ?? null) === (next.template ?? null) && (head?.paper ?? null) === (next.paper ?? null)
  );
}
