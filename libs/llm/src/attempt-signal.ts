/**
 * The abort signal of one attempt: fires at the attempt's deadline or when the caller's signal fires, and
 * remembers which of the two it was so a provider can report `timeout` rather than `aborted`.
 */
export interface AttemptSignal {
  readonly signal: AbortSignal;
  /** The deadline passed (not the caller). */
  timedOut(): boolean;
  /** The caller's signal fired. */
  callerAborted(): boolean;
  dispose(): void;
}

export function attemptSignal(timeoutMs: number, caller?: AbortSignal): AttemptSignal {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new Error(`timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  timer.unref();
  const onCallerAbort = (): void => controller.abort(caller?.reason);
  if (caller?.aborted) onCallerAbort();
  else caller?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => expired,
    callerAborted: () => caller?.aborted === true,
    dispose: () => {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCallerAbort);
    },
  };
}
