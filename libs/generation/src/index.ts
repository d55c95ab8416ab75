export * from './dto/generation-request.dto';
export * from './dto/generation-response.dto';
export * from './generation.module';
export * from './generations.service';
export * from './jobs/generation.queue';
export * from './jobs/generation.runner';
