// Compile-time tests of the event catalog: each @ts-expect-error line MUST fail to compile.
// If one starts compiling (the catalog lost a check), tsc reports an unused directive.
import { createEventFactory, type DomainEvent } from './events';

const events = createEventFactory({ now: () => new Date(0), newId: () => 'id' });
const actor = { kind: 'system', name: 'type-test' } as const;

export const ok: DomainEvent<'ACCOUNT_CREATED'> = events.create(
  'ACCOUNT_CREATED',
  { accountId: 'a1', account: { name: 'Till', type: 'cash', currency: 'USD', openingBalanceMinor: 0 } },
  { actor },
);

// @ts-expect-error a payload of the wrong shape
events.create('ACCOUNT_CREATED', { accountId: 42 }, { actor });

// @ts-expect-error an event type that is not in the catalog
events.create('ACCOUNT_MADE', {}, { actor });

// @ts-expect-error another event's payload
export const wrong: DomainEvent<'EXPENSE_RECORDED'> = ok;

// @ts-expect-error a failure must carry the failed event
events.create('ACCOUNT_CREATION_FAILED', { cause: { message: 'x' } }, { actor });
