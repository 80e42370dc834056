import type { DocumentData, Query, QueryDocumentSnapshot } from 'firebase-admin/firestore';
import { firestoreBytes } from './firestore-size';

/** How big the pages of a read may get. */
export interface PageLimits {
  /** Never more documents per page: a document may hold up to 1 MiB, so this bounds a page. */
  maxDocs: number;
  /** Aim per page: after a page of big documents the next asks for fewer (at least one). */
  pageBytes: number;
}

// 100 documents: at most 100 MiB in the worst case (each entry at Firestore's 1 MiB limit), and
// few round trips for a log of normal entries (~1 KB). Measured on the emulator, 5,000 entries:
// pages of 25 sealed and verified 6–10× slower than one query per seal, pages of 100 about 2×.
export const LOG_PAGES: PageLimits = { maxDocs: 100, pageBytes: 4 * 1024 * 1024 };

/**
 * The next page's size, from the largest document of the last page (shared by the reads of one
 * run, so all of them shrink once one meets big entries). Starts at 10 and grows at most 4× a
 * page: a log of small entries soon reads maxDocs at a time, one of big entries a few.
 */
export class PageSizer {
  private limit: number;

  constructor(private readonly limits: PageLimits = LOG_PAGES) {
    this.limit = Math.min(10, limits.maxDocs);
  }

  next(): number {
    return this.limit;
  }

  observe(largestBytes: number): void {
    const fits = Math.floor(this.limits.pageBytes / Math.max(largestBytes, 1024));
    this.limit = Math.max(1, Math.min(fits, this.limit * 4, this.limits.maxDocs));
  }
}

export interface PageDoc {
  snapshot: QueryDocumentSnapshot;
  data: DocumentData;
  /** Estimated size (Firestore's storage rules), for byte budgets. */
  bytes: number;
}

/**
 * The query's documents, a page at a time, each page read only when the caller asks for it (so
 * a reader that stops early reads no more, and one that drops each page holds one at a time).
 * `maxDocs` bounds the whole read. The query must have an order; paging resumes after the last
 * document of a page, so filters, order and end cursors of the query stay as they are.
 */
export async function* readPages(
  query: Query,
  sizer: PageSizer,
  maxDocs = Number.POSITIVE_INFINITY,
): AsyncGenerator<PageDoc[]> {
  let after: QueryDocumentSnapshot | undefined;
  let left = maxDocs;
  while (left > 0) {
    const limit = Math.min(sizer.next(), left);
    const snapshot = await (after ? query.startAfter(after) : query).limit(limit).get();
    const page = snapshot.docs.map((doc) => {
      const data = doc.data();
      return { snapshot: doc, data, bytes: firestoreBytes(data) + firestoreBytes(doc.id) };
    });
    if (page.length === 0) return;
    sizer.observe(Math.max(...page.map((doc) => doc.bytes)));
    left -= page.length;
    after = page.at(-1)!.snapshot;
    yield page;
    if (page.length < limit) return;
  }
}
