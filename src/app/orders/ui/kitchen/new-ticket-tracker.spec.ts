import { NewTicketTracker, type TicketView } from './new-ticket-tracker';

const all: TicketView = { station: 'all', listed: true };

describe('NewTicketTracker', () => {
  it('treats the first list as known, then reports only tickets never shown before', () => {
    const tracker = new NewTicketTracker();
    expect(tracker.observe(['a', 'b'], all)).toEqual([]);
    expect(tracker.observe(['a', 'b', 'c'], all)).toEqual(['c']);
    expect(tracker.observe(['a', 'b', 'c'], all)).toEqual([]);
  });

  it('stays quiet until the first full list arrived (events before it are part of the start)', () => {
    const tracker = new NewTicketTracker();
    expect(tracker.observe(['a'], { station: 'all', listed: false })).toEqual([]);
    expect(tracker.observe(['a', 'b'], { station: 'all', listed: false })).toEqual([]);
    expect(tracker.observe(['a', 'b', 'c'], all)).toEqual([]);
    expect(tracker.observe(['a', 'b', 'c', 'd'], all)).toEqual(['d']);
  });

  it('does not report a ticket coming back (a recall, a resync) nor a station switch', () => {
    const tracker = new NewTicketTracker();
    tracker.observe(['a', 'b'], all);
    expect(tracker.observe(['b'], all)).toEqual([]);
    expect(tracker.observe(['a', 'b'], all)).toEqual([]);
    expect(tracker.observe(['x', 'y'], { station: 'bar', listed: true })).toEqual([]);
    expect(tracker.observe(['x', 'y', 'z'], { station: 'bar', listed: true })).toEqual(['z']);
    expect(tracker.observe(['a', 'b', 'x', 'y', 'z', 'n'], all)).toEqual([]);
  });
});
