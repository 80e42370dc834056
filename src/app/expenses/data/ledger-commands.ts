import { Injectable, inject } from '@angular/core';
import type { CategoryDraft, TransferDraft } from '@maestro/contracts';
import { EventRequests } from '../../core/events/event-requests';
import type { CommandOutcome } from './accounts-commands';

/** What the categories and transfers screens ask for: events answered by their orchestrators. */
@Injectable({ providedIn: 'root' })
export class CategoryCommands {
  private readonly requests = inject(EventRequests);

  async create(category: CategoryDraft): Promise<CommandOutcome<string>> {
    const outcome = await this.requests.send('CATEGORY_CREATION_REQUESTED', { category }, 'CATEGORY_CREATED');
    return outcome.ok ? { ok: true, value: outcome.event.payload.categoryId } : { ok: false, message: outcome.message, code: outcome.cause.code };
  }

  async update(categoryId: string, category: CategoryDraft): Promise<CommandOutcome> {
    const outcome = await this.requests.send('CATEGORY_UPDATE_REQUESTED', { categoryId, category }, 'CATEGORY_UPDATED');
    return outcome.ok ? { ok: true, value: undefined } : { ok: false, message: outcome.message, code: outcome.cause.code };
  }

  async remove(categoryId: string): Promise<CommandOutcome> {
    const outcome = await this.requests.send('CATEGORY_DELETION_REQUESTED', { categoryId }, 'CATEGORY_DELETED');
    return outcome.ok ? { ok: true, value: undefined } : { ok: false, message: outcome.message };
  }
}

@Injectable({ providedIn: 'root' })
export class TransferCommands {
  private readonly requests = inject(EventRequests);

  async record(transfer: TransferDraft): Promise<CommandOutcome<string>> {
    const outcome = await this.requests.send('TRANSFER_RECORDING_REQUESTED', { transfer }, 'TRANSFER_RECORDED');
    return outcome.ok ? { ok: true, value: outcome.event.payload.transferId } : { ok: false, message: outcome.message };
  }

  async remove(transferId: string): Promise<CommandOutcome> {
    const outcome = await this.requests.send('TRANSFER_DELETION_REQUESTED', { transferId }, 'TRANSFER_DELETED');
    return outcome.ok ? { ok: true, value: undefined } : { ok: false, message: outcome.message };
  }
}
