export * from './ats-check';
