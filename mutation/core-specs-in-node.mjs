// Loaded before the core specs when they run in Node for mutation testing (not in Karma).
// They import Angular's HttpErrorResponse: its partially compiled classes need the JIT compiler.
import '@angular/compiler';

// A browser's network error arrives as a ProgressEvent, which Node lacks.
globalThis.ProgressEvent ??= class ProgressEvent extends globalThis.Event {};
