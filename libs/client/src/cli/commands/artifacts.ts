import { type LlmployableClient, unwrap } from '../../client.js';

export const ARTIFACT_KINDS = ['pdf', 'tex', 'markdown', 'json-resume'] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];
export const ARTIFACT_EXTENSIONS: Record<ArtifactKind, string> = {
  pdf: 'pdf',
  tex: 'tex',
  markdown: 'md',
  'json-resume': 'json',
};

/** One rendered artifact of a resume version, as bytes (the PDF and TeX render on first download). */
export async function downloadArtifact(
  client: LlmployableClient,
  resumeId: string,
  version: number,
  kind: ArtifactKind,
): Promise<Buffer> {
  const data = await unwrap(
    client.GET('/api/v1/resumes/{id}/versions/{v}/artifacts/{kind}', {
      params: { path: { id: resumeId, v: version, kind } },
      parseAs: 'arrayBuffer',
    }),
  );
  return Buffer.from(data);
}

/** The resume's current version number. */
export async function currentVersion(client: LlmployableClient, resumeId: string): Promise<number> {
  const resume = await unwrap(client.GET('/api/v1/resumes/{id}', { params: { path: { id: resumeId } } }));
  return resume.currentVersion;
}
