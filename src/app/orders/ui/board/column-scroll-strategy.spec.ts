import type { ListRange } from '@angular/cdk/collections';
import type { CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
import { ColumnScrollStrategy } from './column-scroll-strategy';

/** A column's viewport as the strategy drives it: 600 px tall, scrolled where `scrolledTo` says. */
class FakeViewport {
  length = 0;
  scrolledTo = 0;
  measures = 0;
  total = 0;
  range: ListRange = { start: 0, end: 0 };
  offset = 0;
  getViewportSize = () => 600;
  getDataLength = () => this.length;
  getRenderedRange = () => this.range;
  measureScrollOffset = () => {
    this.measures++;
    return this.scrolledTo;
  };
  setTotalContentSize = (size: number) => (this.total = size);
  setRenderedRange = (range: ListRange) => (this.range = range);
  setRenderedContentOffset = (offset: number) => (this.offset = offset);
  scrollToOffset = (offset: number) => (this.scrolledTo = offset);
}

describe('ColumnScrollStrategy', () => {
  const CARD = 100;
  let viewport: FakeViewport;
  let strategy: ColumnScrollStrategy;

  beforeEach(() => {
    viewport = new FakeViewport();
    viewport.length = 5000;
    strategy = new ColumnScrollStrategy(CARD, 400, 800);
    strategy.attach(viewport as unknown as CdkVirtualScrollViewport);
  });

  it('renders the screenful and a buffer, with room for every card', () => {
    expect(viewport.total).toBe(5000 * CARD);
    expect(viewport.range.start).toBe(0);
    expect(viewport.range.end).toBeGreaterThanOrEqual(6 + 4); // 600 px of cards and 400 px below
    expect(viewport.range.end).toBeLessThan(30);
  });

  it('a column that grows or shrinks does not measure the page (no forced layout per column)', () => {
    const measured = viewport.measures;
    viewport.length = 5001;
    strategy.onDataLengthChanged();
    viewport.length = 4990;
    strategy.onDataLengthChanged();
    expect(viewport.measures).toBe(measured);
    expect(viewport.total).toBe(4990 * CARD);
  });

  it('a scroll reads the offset once and renders the cards there, which later changes keep', () => {
    viewport.scrolledTo = 2000 * CARD;
    strategy.onContentScrolled();
    expect(viewport.range.start).toBeLessThanOrEqual(2000);
    expect(viewport.range.end).toBeGreaterThanOrEqual(2006);
    expect(viewport.offset).toBe(viewport.range.start * CARD);

    viewport.length = 5001;
    strategy.onDataLengthChanged();
    expect(viewport.range.start).toBeLessThanOrEqual(2000);
    expect(viewport.range.end).toBeGreaterThanOrEqual(2006);
  });

  it('a column that shrank below the cards it showed shows its last screenful', () => {
    viewport.scrolledTo = 4990 * CARD;
    strategy.onContentScrolled();
    viewport.length = 100;
    strategy.onDataLengthChanged();
    expect(viewport.range.end).toBe(100);
    expect(viewport.range.start).toBeLessThanOrEqual(94);
    expect(viewport.total).toBe(100 * CARD);
  });

  it('scrolls to a card by its index', () => {
    strategy.scrollToIndex(42, 'auto');
    expect(viewport.scrolledTo).toBe(42 * CARD);
  });
});
