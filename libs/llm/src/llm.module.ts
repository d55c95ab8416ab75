import { Module } from '@nestjs/common';

import { LlmService } from './llm.service';
import { LlmProviderRegistry } from './providers/llm-provider.registry';

/** `LlmService`, configured from `config.llm` (needs `CoreConfigModule`'s global `APP_CONFIG`). */
@Module({
  providers: [LlmProviderRegistry, LlmService],
  exports: [LlmService, LlmProviderRegistry],
})
export class LlmModule {}
