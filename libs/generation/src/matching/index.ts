export * from './candidate-matcher';
export * from './match.types';
