import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { RunState } from './import-flow';
import { RunStep } from './run-step';

// The run step's words agree with its numbers: "1 row", "2 rows", "1 expense".
describe('RunStep counts', () => {
  function render(run: RunState): string {
    TestBed.configureTestingModule({ imports: [RunStep], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(RunStep);
    fixture.componentRef.setInput('run', run);
    fixture.detectChanges();
    return (fixture.nativeElement as HTMLElement).textContent!.replace(/\s+/g, ' ');
  }

  it('says "1 row/s" and "of 1 row" while running, not "1 rows"', () => {
    const text = render({ status: 'running', importId: 'i', written: 0, total: 1, rowsPerSecond: 1, cancelling: false });
    expect(text).toContain('Preparing to write 1 row…');
    expect(text).toContain('1 row/s');
    expect(text).not.toContain('rows');
  });

  it('says "2 rows/s" and "1 of 2 rows written"', () => {
    const text = render({ status: 'running', importId: 'i', written: 1, total: 2, rowsPerSecond: 2, cancelling: false });
    expect(text).toContain('1 of 2 rows written');
    expect(text).toContain('2 rows/s');
  });

  it('says "Imported 1 expense … (1 row/s)" once done', () => {
    const text = render({ status: 'imported', importId: 'i', count: 1, seconds: 1, dates: null, lateCancel: false, undo: { status: 'idle' } });
    expect(text).toContain('Imported 1 expense');
    expect(text).toContain('(1 row/s)');
  });
});
