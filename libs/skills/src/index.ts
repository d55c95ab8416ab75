export * from './skill.types';
export * from './skill-data.types';
export * from './skill-taxonomy';
export * from './skill-taxonomy.errors';
