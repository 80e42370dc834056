import { ErrorHandler, inject } from '@angular/core';
import { config } from 'rxjs';

/**
 * A subscriber that throws is isolated by RxJS, which reports the error asynchronously.
 * Send those reports to Angular's ErrorHandler instead of an uncaught exception.
 */
export function reportBusErrorsTo(errorHandler: ErrorHandler = inject(ErrorHandler)): void {
  config.onUnhandledError = (error: unknown) => errorHandler.handleError(error);
}
