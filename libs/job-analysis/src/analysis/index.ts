export { parseEducation } from './education-requirement.parser';
export {
  decodeHtmlEntities,
  htmlToText,
  looksLikeHtml,
  normalizeJobText,
  normalizeWhitespace,
} from './html-text';
export { findNiceCues, isNegated } from './importance-cues';
export * from './job-analysis.types';
export { JobDescriptionAnalyzer, SECTION_POLICY } from './job-description.analyzer';
export { classifyHeading, sectionAt, segmentJobText } from './job-sections';
export { extractKeywords } from './keywords.extractor';
export { classifySeniority, seniorityFromTitle, seniorityFromYears } from './seniority.classifier';
export { splitLines, splitSentences } from './text-lines';
export { findYearsPhrases, skillsForYears } from './years-requirement.parser';
