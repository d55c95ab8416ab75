export * from './render-latex';
export { displayUrl, formatDateRange, formatLocation, formatResumeDate } from './resume-format';
export { TEMPLATE_IDS } from './template-design';
export type { RenderOptions, TemplateId, TemplateInfo } from './template-design';
