import { type GenerationDto } from './dto/generation-response.dto';
import { type GenerationRecord } from './generation.repository';

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

/** A generation as the API shows it. */
export function toGenerationDto(record: GenerationRecord): GenerationDto {
  const result = record.result;
  return {
    id: record.id,
    status: record.status,
    step: record.step,
    progress: record.progress,
    batchId: record.batchId,
    input: record.input,
    match: record.match as GenerationDto['match'],
    factCheck: record.factCheck as GenerationDto['factCheck'],
    ats: record.ats as GenerationDto['ats'],
    degraded: record.degraded !== null,
    degradedReason: record.degraded,
    llm: record.llm,
    timings: record.timings.map((timing) => ({
      ...timing,
      startedAt: new Date(timing.startedAt).toISOString(),
    })),
    result: result
      ? {
          ...result,
          versionUrl: `/api/v1/resumes/${result.resumeId}/versions/${result.version}`,
          pdfUrl: `/api/v1/resumes/${result.resumeId}/versions/${result.version}/artifacts/pdf`,
        }
      : null,
    reusedFrom: record.reusedFrom,
    error: record.error as GenerationDto['error'],
    createdAt: new Date(record.createdAt).toISOString(),
    startedAt: iso(record.startedAt),
    finishedAt: iso(record.finishedAt),
  };
}
