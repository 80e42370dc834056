import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { EARLY_PAINT_DONE_FLAG, EARLY_PAINT_ID, EARLY_PAINT_KEY_PREFIX, EarlyPaint, copyForEarlyPaint } from './early-paint';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Blank {}

describe('copyForEarlyPaint', () => {
  let host: HTMLElement;
  let styles: HTMLStyleElement[];

  beforeEach(() => {
    host = document.createElement('div');
    host.innerHTML = `
      <section class="feed" role="feed" style="--tile: 12px; color: rgb(1, 2, 3)" _ngcontent-ng-c1="">
        <app-card id="a" tabindex="0" class="card card--new" _nghost-ng-c2=""><button class="mat-mdc-button">Start</button><b>#A</b></app-card>
        <app-card id="b" tabindex="-1" class="card" _nghost-ng-c2=""><b>#B</b></app-card>
        <app-card id="c" class="card" _nghost-ng-c2=""><b>#C</b></app-card>
        <p>not an item</p>
        <app-card id="far" class="card" _nghost-ng-c2="" style="position: absolute; top: 100000px"><b>#FAR</b></app-card>
      </section>`;
    document.body.appendChild(host);
    styles = ['.feed[_ngcontent-ng-c1]{display:grid}', '[_nghost-ng-c2]{display:block}', '.mat-mdc-button{border:0}', '.unrelated{color:red}'].map((text) => {
      const style = document.createElement('style');
      style.textContent = text;
      document.head.appendChild(style);
      return style;
    });
  });
  afterEach(() => {
    host.remove();
    styles.forEach((style) => style.remove());
  });

  it('copies the first items on screen, up to the limit, with the style sheets they use and what they inherit', () => {
    const copy = copyForEarlyPaint(host.querySelector<HTMLElement>('section')!, { itemSelector: 'app-card', limit: 2, dropClasses: ['card--new'] })!;
    const parsed = document.createElement('div');
    parsed.innerHTML = copy.html;
    expect(Array.from(parsed.querySelectorAll('b')).map((b) => b.textContent)).toEqual(['#A', '#B']);
    expect(copy.css).toContain('.feed[_ngcontent-ng-c1]{display:grid}');
    expect(copy.css).toContain('[_nghost-ng-c2]{display:block}');
    expect(copy.css).toContain('.mat-mdc-button{border:0}');
    expect(copy.css).not.toContain('.unrelated');
    expect(copy.boxStyle).toContain('--tile:12px');
    expect(copy.boxStyle).toContain('color:rgb(1, 2, 3)');
  });

  it("leaves out what would pass for the app's own: element names, ids, tab stops, state classes", () => {
    const copy = copyForEarlyPaint(host.querySelector<HTMLElement>('section')!, { itemSelector: 'app-card', limit: 5, dropClasses: ['card--new'] })!;
    const parsed = document.createElement('div');
    parsed.innerHTML = copy.html;
    expect(parsed.querySelector('section, app-card, [id], [tabindex], .card--new')).toBeNull();
    expect(parsed.firstElementChild!.localName).toBe('div');
    expect(Array.from(parsed.querySelectorAll('span.card')).map((card) => card.textContent)).toEqual(['Start#A', '#B', '#C']); // not the one below the screen
  });

  it('copies nothing when no item is on screen', () => {
    const empty = document.createElement('section');
    host.appendChild(empty);
    expect(copyForEarlyPaint(empty, { itemSelector: 'app-card', limit: 5 })).toBeNull();
  });
});

describe('EarlyPaint', () => {
  let paint: EarlyPaint;
  const snapshot = { uid: 'u1', path: '/kitchen', anchor: '.feed', view: null, html: '<div></div>', css: '', boxStyle: '' };

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([{ path: 'kitchen', component: Blank }, { path: 'elsewhere', component: Blank }])] });
    paint = TestBed.inject(EarlyPaint);
    delete (window as unknown as Record<string, unknown>)[EARLY_PAINT_DONE_FLAG];
  });
  afterEach(() => {
    localStorage.removeItem('theme-kept');
    paint.forgetAll();
    delete (window as unknown as Record<string, unknown>)[EARLY_PAINT_DONE_FLAG];
  });

  function painted(path: string): HTMLElement {
    const box = document.createElement('div');
    box.id = EARLY_PAINT_ID;
    box.dataset['path'] = path;
    document.body.appendChild(box);
    const style = document.createElement('style');
    style.id = `${EARLY_PAINT_ID}-style`;
    document.head.appendChild(style);
    return box;
  }

  it('saves a screen under its path with the time and format, and forgets it', () => {
    paint.save(snapshot);
    const saved = JSON.parse(localStorage.getItem(`${EARLY_PAINT_KEY_PREFIX}/kitchen`)!);
    expect(saved).toEqual(jasmine.objectContaining({ v: 1, uid: 'u1', path: '/kitchen' }));
    expect(Date.now() - saved.savedAt).toBeLessThan(5_000);
    paint.forget('/kitchen');
    expect(localStorage.getItem(`${EARLY_PAINT_KEY_PREFIX}/kitchen`)).toBeNull();
  });

  it('forgets every saved screen and takes a painted one away, leaving other storage alone', () => {
    paint.save(snapshot);
    paint.save({ ...snapshot, path: '/orders' });
    localStorage.setItem('theme-kept', 'dark');
    const box = painted('/kitchen');
    paint.forgetAll();
    expect(Object.keys(localStorage).filter((key) => key.startsWith(EARLY_PAINT_KEY_PREFIX))).toEqual([]);
    expect(localStorage.getItem('theme-kept')).toBe('dark');
    expect(box.isConnected).toBeFalse();
    expect(document.getElementById(`${EARLY_PAINT_ID}-style`)).toBeNull();
    // A painter still waiting on IndexedDB paints nothing now.
    expect((window as unknown as Record<string, unknown>)[EARLY_PAINT_DONE_FLAG]).toBeTrue();
  });

  it('takes a painted screen away when the app shows another page, not while it shows that one', async () => {
    const router = TestBed.inject(Router);
    paint.removeWhenLeft(router);
    const box = painted('/kitchen');
    await router.navigateByUrl('/kitchen?station=grill');
    expect(box.isConnected).toBeTrue();
    await router.navigateByUrl('/elsewhere');
    expect(box.isConnected).toBeFalse();
  });
});
