export * from './canonical-json';
export * from './document-diff';
export * from './json-resume.mapper';
export * from './markdown.renderer';
export * from './merge-patch';
export * from './resume-document.dto';
