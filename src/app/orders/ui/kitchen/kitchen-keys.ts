// The kitchen's keyboard: one key per action, so a cook with wet hands (or a bump bar, which
// sends plain keys) runs the screen without a mouse. Pure: the page turns commands into actions.
import type { KitchenStation } from '@maestro/contracts';

/** In digit order: 1 = grill … 5 = bar; 0 = every station. */
export const KITCHEN_STATIONS: readonly KitchenStation[] = ['grill', 'fry', 'cold', 'pastry', 'bar'];

export type MoveDirection = 'left' | 'right' | 'up' | 'down' | 'first' | 'last';

export type KitchenCommand =
  | { kind: 'move'; direction: MoveDirection }
  | { kind: 'bump' }
  | { kind: 'recall' }
  | { kind: 'station'; station: KitchenStation | null }
  | { kind: 'sound' }
  | { kind: 'fullscreen' }
  | { kind: 'help' }
  | { kind: 'close' };

export type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'repeat' | 'target'>;

const MOVES: Record<string, MoveDirection> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'first',
  End: 'last',
};

/** The command a key press asks for, or null when the key is not ours (or the cook is typing). */
export function kitchenCommand(event: KeyLike): KitchenCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const key = event.key;
  // Escape still closes the settings panel from inside its fields.
  if (key === 'Escape') return { kind: 'close' };
  if (isTyping(event.target)) return null;
  if (key in MOVES) return { kind: 'move', direction: MOVES[key] };
  if (key === 'Enter' || key === ' ') {
    // Held down, a key repeats: one press must bump one ticket, not walk it to READY.
    // A focused button handles its own Enter and Space.
    return event.repeat || isButton(event.target) ? null : { kind: 'bump' };
  }
  if (key === '?') return { kind: 'help' };
  if (/^[0-5]$/.test(key)) return { kind: 'station', station: key === '0' ? null : KITCHEN_STATIONS[Number(key) - 1] };
  switch (key.toLowerCase()) {
    case 'r':
      return event.repeat ? null : { kind: 'recall' };
    case 'm':
      return { kind: 'sound' };
    case 'f':
      return { kind: 'fullscreen' };
    default:
      return null;
  }
}

/** What the help overlay lists; kept beside the mapping so the two cannot drift apart. */
export const KITCHEN_SHORTCUTS: readonly { keys: readonly string[]; action: string }[] = [
  { keys: ['←', '→', '↑', '↓'], action: 'Select a ticket' },
  { keys: ['Home', 'End'], action: 'Select the oldest / newest ticket' },
  { keys: ['Enter', 'Space'], action: 'Bump the selected ticket (Start, then Ready)' },
  { keys: ['R'], action: 'Recall the last ticket bumped to Ready' },
  { keys: ['0'], action: 'Show every station' },
  { keys: ['1', '2', '3', '4', '5'], action: 'Show or hide a station: grill, fry, cold, pastry, bar' },
  { keys: ['M'], action: 'Sound on / off' },
  { keys: ['F'], action: 'Full screen on / off' },
  { keys: ['?'], action: 'Show / hide these shortcuts' },
  { keys: ['Esc'], action: 'Close a panel' },
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
  return target.getAttribute('role') === 'textbox' || target.getAttribute('role') === 'combobox';
}

function isButton(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && !!target.closest('button, a[href], input, [role="button"]');
}
