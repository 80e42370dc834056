/** A call that did not answer within its time: its effect may exist all the same. */
export class StepTimeout extends Error {}

export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The pause before retry `attempt + 1` of an undo: 100 ms, 200 ms… */
export const retryPauseMs = (attempt: number) => 50 * 2 ** attempt;

export const retryPause = (attempt: number) => sleep(retryPauseMs(attempt));
