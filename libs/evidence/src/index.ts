export * from './github';
export * from './linkedin';
