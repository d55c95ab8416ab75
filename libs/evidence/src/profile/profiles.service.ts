import { Injectable } from '@nestjs/common';
import { Clock, type CursorPage, toCursorPage } from '@app/core';
import { assertValidJsonResume } from '@app/resumes';
import { type JsonResume } from '@app/resumes/document';
import { GITHUB_USERNAME } from '@app/users/profile.validators';

import {
  type CreateProfileDto,
  type GithubSourceDto,
  type UpdateProfileDto,
} from '../dto/profile-request.dto';
import { type ProfileDto, type ProfileSourcesDto, type ProfileSummaryDto } from '../dto/profile-response.dto';
import { EvidenceService } from '../evidence.service';
import { invalidGithubUsername } from '../github/github.errors';
import { type CandidateProfileData } from './candidate-profile';
import { CandidateProfileBuilder, type ProfileSources } from './candidate-profile.builder';
import {
  CandidateProfileRepository,
  type ProfileContent,
  type ProfileRecord,
  type ProfileSummaryRecord,
} from './candidate-profile.repository';
import { type StoredSources } from './candidate-profile.schema';
import { nothingToUpdate, profileBusy, profileNotFound } from './profiles.errors';
import { boundedSnapshot } from './sources/github-snapshot.limits';

const NO_SOURCES: StoredSources = { github: null, linkedin: null, jsonResume: null };

/** How many of the strongest skills a profile summary names. */
const TOP_SKILLS = 5;

/**
 * Stored candidate profiles: built from their sources (GitHub through the cache, a LinkedIn export, a JSON
 * Resume), kept with those sources so a rebuild never needs them again, and rebuilt on refresh (GitHub
 * fetched again) or when a source changes.
 */
@Injectable()
export class ProfilesService {
  constructor(
    private readonly profiles: CandidateProfileRepository,
    private readonly evidence: EvidenceService,
    private readonly builder: CandidateProfileBuilder,
    private readonly clock: Clock,
  ) {}

  async create(ownerId: string, input: CreateProfileDto): Promise<ProfileDto> {
    if (input.jsonResume) assertValidJsonResume(input.jsonResume);
    const sources: StoredSources = { ...NO_SOURCES };
    const data: ProfileSources = {};
    if (input.jsonResume) this.setJsonResume(sources, data, input.jsonResume);
    if (input.github) await this.setGithub(sources, data, input.github, false);
    const record = await this.profiles.create(ownerId, this.content(input.label ?? null, sources, data));
    return toProfileDto(record);
  }

  async get(ownerId: string, id: string, options: { withoutEvidence?: boolean } = {}): Promise<ProfileDto> {
    const record = await this.find(ownerId, id);
    return toProfileDto(record, options);
  }

  /** The profile's data, for other features (generation, matching). */
  async data(ownerId: string, id: string): Promise<CandidateProfileData> {
    return JSON.parse((await this.find(ownerId, id)).profileJson) as CandidateProfileData;
  }

  async list(
    ownerId: string,
    page: { cursor?: string; limit: number },
  ): Promise<CursorPage<ProfileSummaryDto>> {
    const rows = await this.profiles.list(ownerId, page);
    const { items, nextCursor } = toCursorPage(rows, page.limit);
    return { items: items.map(toSummaryDto), nextCursor };
  }

  /** Fetches GitHub again (bypassing the cache) and rebuilds; without GitHub, rebuilds as of now. */
  refresh(ownerId: string, id: string): Promise<ProfileDto> {
    return this.rebuild(ownerId, id, async (record, sources, data) => {
      const github = sources.github;
      if (github) await this.setGithub(sources, data, github, true);
      return record.label;
    });
  }

  update(ownerId: string, id: string, input: UpdateProfileDto): Promise<ProfileDto> {
    if (input.label === undefined && input.github === undefined && input.jsonResume === undefined) {
      throw nothingToUpdate();
    }
    return this.rebuild(ownerId, id, async (record, sources, data) => {
      if (input.jsonResume) assertValidJsonResume(input.jsonResume);
      if (input.jsonResume === null) {
        sources.jsonResume = null;
        delete data.jsonResume;
      } else if (input.jsonResume) this.setJsonResume(sources, data, input.jsonResume);
      if (input.github === null) {
        sources.github = null;
        delete data.github;
      } else if (input.github) await this.setGithub(sources, data, input.github, false);
      return input.label === undefined ? record.label : input.label;
    });
  }

  /** Attaches (or replaces) the LinkedIn export and rebuilds. */
  attachLinkedIn(ownerId: string, id: string, archive: Buffer): Promise<ProfileDto> {
    return this.rebuild(ownerId, id, async (record, sources, data) => {
      const linkedin = await this.evidence.previewLinkedIn(archive);
      data.linkedin = linkedin;
      sources.linkedin = { importedAt: this.clock.now(), files: [...linkedin.files.present] };
      return record.label;
    });
  }

  detachLinkedIn(ownerId: string, id: string): Promise<ProfileDto> {
    return this.rebuild(ownerId, id, async (record, sources, data) => {
      sources.linkedin = null;
      delete data.linkedin;
      return record.label;
    });
  }

  async delete(ownerId: string, id: string): Promise<void> {
    if (!(await this.profiles.delete(ownerId, id))) throw profileNotFound();
  }

  private async find(ownerId: string, id: string): Promise<ProfileRecord> {
    const record = await this.profiles.findById(ownerId, id);
    if (!record) throw profileNotFound();
    return record;
  }

  /**
   * Applies `change` to the stored sources and rebuilds, replacing exactly the revision read: of two
   * concurrent rebuilds one wins and the other is a 409 (on MongoDB; FerretDB rewrites whole documents,
   * so there the last write wins — see the README).
   */
  private async rebuild(
    ownerId: string,
    id: string,
    change: (record: ProfileRecord, sources: StoredSources, data: ProfileSources) => Promise<string | null>,
  ): Promise<ProfileDto> {
    const record = await this.find(ownerId, id);
    const sources: StoredSources = { ...record.sources };
    const data = JSON.parse(record.sourcesJson) as ProfileSources;
    const label = await change(record, sources, data);
    const updated = await this.profiles.replace(
      ownerId,
      id,
      record.revision,
      this.content(label, sources, data),
    );
    if (updated) return toProfileDto(updated);
    throw (await this.profiles.findById(ownerId, id)) ? profileBusy() : profileNotFound();
  }

  private async setGithub(
    sources: StoredSources,
    data: ProfileSources,
    github: Pick<GithubSourceDto, 'username' | 'includeForks'>,
    refresh: boolean,
  ): Promise<void> {
    if (!GITHUB_USERNAME.test(github.username)) {
      throw invalidGithubUsername(github.username, { in: 'body', field: 'github.username' });
    }
    const includeForks = github.includeForks === true;
    const cached = await this.evidence.githubSnapshot(github.username, { includeForks, refresh });
    data.github = boundedSnapshot(cached.value);
    sources.github = {
      username: cached.value.login,
      includeForks,
      fetchedAt: new Date(cached.value.fetchedAt),
    };
  }

  private setJsonResume(
    sources: StoredSources,
    data: ProfileSources,
    jsonResume: Record<string, unknown>,
  ): void {
    data.jsonResume = jsonResume as JsonResume;
    sources.jsonResume = { importedAt: this.clock.now() };
  }

  private content(label: string | null, sources: StoredSources, data: ProfileSources): ProfileContent {
    const builtAt = this.clock.now();
    const profile = this.builder.build(data, builtAt);
    return {
      label,
      sources,
      sourcesJson: JSON.stringify(data),
      profileJson: JSON.stringify(profile),
      summary: {
        name: profile.identity.name?.value ?? null,
        headline: profile.identity.headline?.value ?? null,
        skillCount: profile.skills.length,
        projectCount: profile.projects.length,
        positionCount: profile.positions.length,
        topSkills: profile.skills.slice(0, TOP_SKILLS).map((skill) => skill.canonical),
      },
      builtAt,
    };
  }
}

function toSourcesDto(sources: StoredSources): ProfileSourcesDto {
  return {
    github: sources.github && {
      ...sources.github,
      fetchedAt: new Date(sources.github.fetchedAt).toISOString(),
    },
    linkedin: sources.linkedin && {
      files: sources.linkedin.files,
      importedAt: new Date(sources.linkedin.importedAt).toISOString(),
    },
    jsonResume: sources.jsonResume && { importedAt: new Date(sources.jsonResume.importedAt).toISOString() },
  };
}

function toSummaryDto(record: ProfileSummaryRecord): ProfileSummaryDto {
  return {
    id: record.id,
    label: record.label,
    name: record.summary.name,
    headline: record.summary.headline,
    sources: toSourcesDto(record.sources),
    skillCount: record.summary.skillCount,
    projectCount: record.summary.projectCount,
    positionCount: record.summary.positionCount,
    topSkills: record.summary.topSkills,
    revision: record.revision,
    builtAt: record.builtAt.toISOString(),
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

function toProfileDto(record: ProfileRecord, options: { withoutEvidence?: boolean } = {}): ProfileDto {
  const profile = JSON.parse(record.profileJson) as CandidateProfileData;
  if (options.withoutEvidence) profile.evidence = [];
  return { ...toSummaryDto(record), profile };
}
