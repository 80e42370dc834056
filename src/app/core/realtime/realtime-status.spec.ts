import { TestBed } from '@angular/core/testing';
import { RealtimeStatus } from './realtime-status';

describe('RealtimeStatus', () => {
  it('is "not opened" until the socket reports, then holds the latest state and since when', () => {
    const status = TestBed.inject(RealtimeStatus);
    expect(status.report()).toEqual({ state: 'not-opened', since: null });
    status.changed('reconnecting', new Date('2026-11-24T04:00:00Z'));
    status.changed('live', new Date('2026-11-24T04:00:05Z'));
    expect(status.report()).toEqual({ state: 'live', since: '2026-11-24T04:00:05.000Z' });
  });
});
