export * from './api-keys.service';
export * from './dto/api-key.dto';
export * from './dto/user.dto';
export * from './users.errors';
export * from './users.module';
export * from './users.service';
