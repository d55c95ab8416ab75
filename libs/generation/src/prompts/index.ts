export * from './draft.v1.prompt';
export * from './prompt-data';
