import { HttpErrorResponse } from '@angular/common/http';
import type { OperationResult } from './operation-result';
import { operationState } from './operation-state';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const ok = <T>(data: T): OperationResult<T> => ({ success: true, data, duration: 5 });
const failed = (message: string, code = 'email_taken'): OperationResult<never> => ({
  success: false,
  error: { message, code, retryable: false },
  duration: 5,
});

describe('operationState', () => {
  it('is loading while the operation runs, then holds its data', async () => {
    const answer = deferred<OperationResult<string>>();
    const invite = operationState((email: string) => (email ? answer.promise : Promise.reject(new Error('no email'))));
    expect(invite.loading()).withContext('before any run').toBeFalse();

    const running = invite.run('cook@maestro.test');
    expect(invite.loading()).toBeTrue();
    expect(invite.result()).toBeNull();

    answer.resolve(ok('link'));
    expect(await running).toBe('link');
    expect(invite.loading()).toBeFalse();
    expect(invite.result()).toBe('link');
    expect(invite.error()).toBeNull();
  });

  it("holds a failed result's error in words, and resolves with null", async () => {
    const invite = operationState(() => Promise.resolve(failed('That email already has an account.')));
    expect(await invite.run()).toBeNull();
    expect(invite.error()).toEqual(jasmine.objectContaining({ message: 'That email already has an account.', code: 'email_taken' }));
    expect(invite.loading()).toBeFalse();
  });

  it('turns a rejection into an error (never rejects) and marks a network failure retryable', async () => {
    const check = operationState(() => Promise.reject(new HttpErrorResponse({ status: 0 })));
    expect(await check.run()).toBeNull();
    expect(check.error()?.retryable).toBeTrue();
  });

  it('takes a plain value as the data', async () => {
    const count = operationState(() => Promise.resolve(3));
    expect(await count.run()).toBe(3);
    expect(count.result()).toBe(3);
  });

  it('takes null, or an object that only looks half like a result, as plain data', async () => {
    for (const plain of [null, { duration: 3 }, { success: true, id: 'order-1' }, { success: 'yes', duration: 3 }]) {
      const fetch = operationState(() => Promise.resolve(plain));
      expect(await fetch.run()).withContext(JSON.stringify(plain)).toEqual(plain);
      expect(fetch.result()).withContext(JSON.stringify(plain)).toEqual(plain);
      expect(fetch.error()).withContext(JSON.stringify(plain)).toBeNull();
    }
  });

  it('keeps the latest run when an earlier one answers late', async () => {
    const first = deferred<OperationResult<string>>();
    const second = deferred<OperationResult<string>>();
    const answers = [first.promise, second.promise];
    const search = operationState(() => answers.shift()!);

    const older = search.run();
    const newer = search.run();
    second.resolve(ok('new'));
    await newer;
    first.resolve(ok('old'));
    expect(await older).toBe('old');

    expect(search.result()).toBe('new');
    expect(search.loading()).toBeFalse();
  });

  it('reset() clears everything and ignores a run still going', async () => {
    const answer = deferred<OperationResult<string>>();
    const invite = operationState(() => answer.promise);
    const running = invite.run();
    invite.reset();
    expect(invite.loading()).toBeFalse();
    answer.resolve(failed('late'));
    await running;
    expect(invite.error()).toBeNull();
  });

  it('after reset(), a run started before it never lands on a run started after it', async () => {
    const before = deferred<OperationResult<string>>();
    const after = deferred<OperationResult<string>>();
    const answers = [before.promise, after.promise];
    const search = operationState(() => answers.shift()!);
    const older = search.run();
    search.reset();
    const newer = search.run();
    before.resolve(ok('stale'));
    await older;
    expect(search.result()).withContext('the newer run is still going').toBeNull();
    expect(search.loading()).toBeTrue();
    after.resolve(ok('fresh'));
    await newer;
    expect(search.result()).toBe('fresh');
  });
});
