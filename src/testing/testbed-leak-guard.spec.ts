// Loaded with the specs (Karma's runner has no setup files; a whole run includes this file, and the
// guard is installed when the file loads, before any spec runs). A spec whose subscription or timer still
// runs after it ended and reaches TestBed (inject, createComponent…) builds a test module under
// whatever runs next; the next spec, in random order, then fails with "Cannot configure the test
// module when the test module has already been instantiated", far from the cause. This keeps the
// stack of the call that built the module, and that error then says who built it and when.
import { getTestBed } from '@angular/core/testing';

interface TestBedInternals {
  _testModuleRef: unknown;
}

let currentSpec: string | undefined;
let lastSpec = '(none yet)';
let builtBy = '';

jasmine.getEnv().addReporter({
  specStarted: (result) => {
    currentSpec = result.fullName;
  },
  specDone: (result) => {
    lastSpec = result.fullName;
    currentSpec = undefined;
  },
});

const testBed = getTestBed();
const prototype = Object.getPrototypeOf(testBed) as object;
const moduleRef = Object.getOwnPropertyDescriptor(prototype, 'testModuleRef');
if (!moduleRef?.get) throw new Error('testbed-leak-guard: TestBed has no testModuleRef getter any more; update the guard.');
const build = moduleRef.get;
Object.defineProperty(testBed, 'testModuleRef', {
  configurable: true,
  get(this: TestBedInternals) {
    if (this._testModuleRef === null) {
      const when = currentSpec ? `while "${currentSpec}" ran` : `between specs, after "${lastSpec}" ended`;
      builtBy = `${when}, by:\n${new Error().stack ?? ''}`;
    }
    return build.call(this);
  },
});

const configure = testBed.configureTestingModule.bind(testBed);
testBed.configureTestingModule = (moduleDef) => {
  try {
    return configure(moduleDef);
  } catch (error) {
    if (error instanceof Error && error.message.includes('already been instantiated')) {
      error.message +=
        `\nThe module was built ${builtBy}\nIf that is another spec, it left a subscription, timer or promise running that reached TestBed after it ended.`;
    }
    throw error;
  }
};

describe('TestBed leak guard', () => {
  it('says who built the test module when a spec cannot configure it', () => {
    getTestBed().inject(Object as never, null); // builds the module, as a late subscription would
    let message = '';
    try {
      getTestBed().configureTestingModule({});
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('already been instantiated');
    expect(message).toContain('while "TestBed leak guard says who built the test module when a spec cannot configure it" ran, by:');
    expect(message).toContain('testbed-leak-guard.spec.ts');
  });
});
