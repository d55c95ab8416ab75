export * from './fact-check';
export * from './fact-check.types';
export * from './number-claims';
export * from './profile-facts';
