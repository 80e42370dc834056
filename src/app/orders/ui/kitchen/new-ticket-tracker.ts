// Which tickets are news to this screen. A ticket is new when it appears after the screen had its
// first full list, while the same station stays chosen, and this screen never showed it before:
// the first list, a station switch, a resync that brings back tickets already shown, and a plate
// recalled to the stove are not news.
export interface TicketView {
  /** The stations shown, as one string (`grill,fry`, `all`), so a switch compares by value. */
  station: string;
  /** Whether the orders state holds a full list yet (the first load completed). */
  listed: boolean;
}

export class NewTicketTracker {
  private readonly shown = new Set<string>();
  private primed = false;
  private station: string | undefined = undefined;

  /** Call with every change of the tickets shown; returns the ids that are news, in display order. */
  observe(ticketIds: readonly string[], view: TicketView): string[] {
    const quiet = !this.primed || view.station !== this.station;
    this.station = view.station;
    if (view.listed) this.primed = true;
    const unseen = ticketIds.filter((id) => !this.shown.has(id));
    for (const id of unseen) this.shown.add(id);
    return quiet ? [] : unseen;
  }
}
