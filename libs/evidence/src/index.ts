export * from './github';
export * from './linkedin';
export * from './dto/github-preview.dto';
export * from './evidence.module';
export * from './evidence.service';
