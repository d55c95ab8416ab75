// Local servers speaking Gemini's and OpenAI's chat APIs, for tests of the LLM clients.
export {
  estimateTokens,
  FakeLlmServer,
  type FakeLlmCall,
  type FakeLlmReply,
  type FakeLlmRequest,
  type FakeLlmResponder,
  type FakeLlmServerOptions,
} from './fake-llm.server';
export { FakeGeminiServer, type FakeGeminiServerOptions } from './fake-gemini.server';
export { FakeOpenAiServer, type FakeOpenAiServerOptions } from './fake-openai.server';
