export * from './e2e/log-capture';
export * from './e2e/test-app';
export * from './e2e/auth-fixtures';
export * from './fakes/github';
