import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/core';

import { LlmError } from '../llm.errors';
import { type LlmProviderName } from '../llm.types';
import { GeminiProvider } from './gemini.provider';
import { type LlmProvider, type RemoteLlmProviderName } from './llm-provider';
import { OpenAiCompatibleProvider } from './openai-compatible.provider';

/** Model name reported for the offline provider. */
export const OFFLINE_MODEL = 'offline';

/**
 * Builds the remote providers from `config.llm`, once each, on first use. The offline provider has no
 * class: its answer is the request's own `offline()`.
 */
@Injectable()
export class LlmProviderRegistry {
  private readonly built = new Map<RemoteLlmProviderName, LlmProvider>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The provider calls use unless they name another. */
  get configured(): LlmProviderName {
    return this.config.llm.provider;
  }

  /** The model a provider answers with (`offline` for the offline provider). */
  modelOf(name: LlmProviderName): string {
    if (name === 'gemini') return this.config.llm.gemini.model;
    if (name === 'openai-compatible') return this.config.llm.openai.model;
    return OFFLINE_MODEL;
  }

  /** The provider; throws an `LlmError` of kind `not-configured` when it cannot be used (Gemini without a key). */
  get(name: RemoteLlmProviderName): LlmProvider {
    let provider = this.built.get(name);
    if (!provider) {
      provider = this.create(name);
      this.built.set(name, provider);
    }
    return provider;
  }

  private create(name: RemoteLlmProviderName): LlmProvider {
    const { gemini, openai } = this.config.llm;
    if (name === 'gemini') {
      if (!gemini.apiKey) {
        throw new LlmError('no API key configured (GEMINI_API_KEY)', {
          kind: 'not-configured',
          provider: name,
        });
      }
      return new GeminiProvider({ apiKey: gemini.apiKey, model: gemini.model, baseUrl: gemini.baseUrl });
    }
    return new OpenAiCompatibleProvider({
      apiKey: openai.apiKey,
      model: openai.model,
      baseUrl: openai.baseUrl,
    });
  }
}
