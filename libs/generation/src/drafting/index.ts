export * from './draft-request';
export * from './draft.types';
export * from './evidence-selection';
export * from './offline-draft';
export * from './resume-document.validation';
export * from './resume-draft.schema';
export * from './page-fit';
