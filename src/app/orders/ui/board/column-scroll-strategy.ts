import { VIRTUAL_SCROLL_STRATEGY, type CdkVirtualScrollViewport, type VirtualScrollStrategy } from '@angular/cdk/scrolling';
import { Directive, forwardRef, input, type OnChanges } from '@angular/core';
import { Subject, distinctUntilChanged } from 'rxjs';

/**
 * A board column's virtual scrolling: cards of one height, as CDK's FixedSizeVirtualScrollStrategy,
 * except that a column whose length changed does not measure the page. CDK's reads the scroll
 * offset then (two getBoundingClientRect calls), and at 100 changes a second several columns
 * change in one frame, each forcing a layout of the whole board after the last one's writes (the
 * long frames left in the board bench's trace, issue 21). Here the offset is the one the column's
 * last scroll event read; the browser sends one when it clamps the offset of a column that shrank.
 */
export class ColumnScrollStrategy implements VirtualScrollStrategy {
  private readonly indexChanges = new Subject<number>();
  readonly scrolledIndexChange = this.indexChanges.pipe(distinctUntilChanged());
  private viewport: CdkVirtualScrollViewport | null = null;
  private scrollOffset = 0;

  constructor(
    private itemSize: number,
    private minBufferPx: number,
    private maxBufferPx: number,
  ) {}

  attach(viewport: CdkVirtualScrollViewport): void {
    this.viewport = viewport;
    this.scrollOffset = viewport.measureScrollOffset();
    this.resize();
  }

  detach(): void {
    this.indexChanges.complete();
    this.viewport = null;
  }

  sizes(itemSize: number, minBufferPx: number, maxBufferPx: number): void {
    this.itemSize = itemSize;
    this.minBufferPx = minBufferPx;
    this.maxBufferPx = Math.max(minBufferPx, maxBufferPx);
    this.resize();
  }

  onContentScrolled(): void {
    if (!this.viewport) return;
    this.scrollOffset = this.viewport.measureScrollOffset();
    this.updateRange();
  }

  onDataLengthChanged(): void {
    this.resize();
  }

  onContentRendered(): void {
    // Nothing to measure: every card has the same height.
  }

  onRenderedOffsetChanged(): void {
    // Nothing to measure: every card has the same height.
  }

  scrollToIndex(index: number, behavior: ScrollBehavior): void {
    this.viewport?.scrollToOffset(index * this.itemSize, behavior);
  }

  private resize(): void {
    if (!this.viewport) return;
    this.viewport.setTotalContentSize(this.viewport.getDataLength() * this.itemSize);
    this.updateRange();
  }

  /** CDK's fixed-size range (a buffer of min…max px either side), from the offset last read. */
  private updateRange(): void {
    const viewport = this.viewport;
    if (!viewport) return;
    const size = this.itemSize;
    const viewportSize = viewport.getViewportSize();
    const dataLength = viewport.getDataLength();
    const range = { ...viewport.getRenderedRange() };
    let offset = this.scrollOffset;
    let firstVisible = size > 0 ? offset / size : 0;
    if (range.end > dataLength) {
      // The column shrank under the rendered range: show its last screenful.
      const visibleItems = Math.ceil(viewportSize / size);
      const first = Math.max(0, Math.min(firstVisible, dataLength - visibleItems));
      if (first !== firstVisible) {
        firstVisible = first;
        offset = first * size;
        range.start = Math.floor(first);
      }
      range.end = Math.max(0, Math.min(dataLength, range.start + visibleItems));
    }
    const startBuffer = offset - range.start * size;
    if (startBuffer < this.minBufferPx && range.start !== 0) {
      range.start = Math.max(0, range.start - Math.ceil((this.maxBufferPx - startBuffer) / size));
      range.end = Math.min(dataLength, Math.ceil(firstVisible + (viewportSize + this.minBufferPx) / size));
    } else {
      const endBuffer = range.end * size - (offset + viewportSize);
      if (endBuffer < this.minBufferPx && range.end !== dataLength) {
        const more = Math.ceil((this.maxBufferPx - endBuffer) / size);
        if (more > 0) {
          range.end = Math.min(dataLength, range.end + more);
          range.start = Math.max(0, Math.floor(firstVisible - this.minBufferPx / size));
        }
      }
    }
    viewport.setRenderedRange(range);
    viewport.setRenderedContentOffset(Math.round(size * range.start));
    this.indexChanges.next(Math.floor(firstVisible));
  }
}

/** `<cdk-virtual-scroll-viewport appColumnScroll [cardHeight]="…" [minBufferPx]="…" [maxBufferPx]="…">` */
@Directive({
  selector: 'cdk-virtual-scroll-viewport[appColumnScroll]',
  providers: [{ provide: VIRTUAL_SCROLL_STRATEGY, useFactory: (column: ColumnScroll) => column.strategy, deps: [forwardRef(() => ColumnScroll)] }],
})
export class ColumnScroll implements OnChanges {
  readonly cardHeight = input.required<number>();
  readonly minBufferPx = input(400);
  readonly maxBufferPx = input(800);
  readonly strategy = new ColumnScrollStrategy(1, 400, 800);

  ngOnChanges(): void {
    this.strategy.sizes(this.cardHeight(), this.minBufferPx(), this.maxBufferPx());
  }
}
