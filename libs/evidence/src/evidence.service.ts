import { Injectable } from '@nestjs/common';

import { type GithubPreviewDto } from './dto/github-preview.dto';
import { GithubIngestionService } from './github/github-ingestion.service';

/** Evidence gathering across sources (GitHub now; LinkedIn exports and stored profiles next). */
@Injectable()
export class EvidenceService {
  constructor(private readonly github: GithubIngestionService) {}

  async previewGithub(username: string, includeForks: boolean): Promise<GithubPreviewDto> {
    const snapshot = await this.github.ingest(username, { includeForks });
    return {
      ...snapshot,
      repos: snapshot.repos.map((repo) => ({
        ...repo,
        topics: [...repo.topics],
        languages: { ...repo.languages },
      })),
    };
  }
}
