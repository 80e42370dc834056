import { Injectable, inject } from '@angular/core';
import type { MergeKind } from '@maestro/contracts';
import { filter, type Subscription } from 'rxjs';
import { EventBus } from '../../core/events/event-bus';
import { EventRequests } from '../../core/events/event-requests';

export type MergeOutcome = { ok: true; moved: Record<string, number> } | { ok: false; message: string };

/** A merge of hundreds of expenses takes several commits: as long as an import may take. */
const MERGE_ANSWER_MS = 600_000;

/** What the duplicates banner asks of the merge orchestrator, with its progress. */
@Injectable({ providedIn: 'root' })
export class MergeCommands {
  private readonly bus = inject(EventBus);
  private readonly requests = inject(EventRequests);

  async merge(kind: MergeKind, survivorId: string, otherIds: string[], onProgress: (written: number, total: number) => void = () => undefined): Promise<MergeOutcome> {
    let progress: Subscription | undefined;
    try {
      const answer = await this.requests.send('DUPLICATES_MERGE_REQUESTED', { kind, survivorId, otherIds }, 'DUPLICATES_MERGED', {
        timeoutMs: MERGE_ANSWER_MS,
        onSent: (request) => {
          progress = this.bus
            .on('DUPLICATES_MERGE_PROGRESSED')
            .pipe(filter((e) => e.causationId === request.id))
            .subscribe(({ payload }) => onProgress(payload.written, payload.total));
        },
      });
      return answer.ok ? { ok: true, moved: answer.event.payload.moved } : { ok: false, message: answer.message };
    } finally {
      progress?.unsubscribe();
    }
  }
}
