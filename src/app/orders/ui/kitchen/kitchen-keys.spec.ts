import { kitchenCommand, type KeyLike } from './kitchen-keys';

const press = (key: string, extra: Partial<KeyLike> = {}) =>
  kitchenCommand({ key, ctrlKey: false, metaKey: false, altKey: false, repeat: false, target: document.body, ...extra });

describe('kitchen keys', () => {
  let field: HTMLInputElement;
  let button: HTMLButtonElement;
  beforeEach(() => {
    field = document.createElement('input');
    button = document.createElement('button');
  });

  it('maps arrows, Enter/Space, R, digits, M, F, ? and Escape', () => {
    expect(press('ArrowDown')).toEqual({ kind: 'move', direction: 'down' });
    expect(press('Home')).toEqual({ kind: 'move', direction: 'first' });
    expect(press('Enter')).toEqual({ kind: 'bump' });
    expect(press(' ')).toEqual({ kind: 'bump' });
    expect(press('R')).toEqual({ kind: 'recall' });
    expect(press('r')).toEqual({ kind: 'recall' });
    expect(press('0')).toEqual({ kind: 'station', station: null });
    expect(press('1')).toEqual({ kind: 'station', station: 'grill' });
    expect(press('5')).toEqual({ kind: 'station', station: 'bar' });
    expect(press('6')).toBeNull();
    expect(press('m')).toEqual({ kind: 'sound' });
    expect(press('F')).toEqual({ kind: 'fullscreen' });
    expect(press('?')).toEqual({ kind: 'help' });
    expect(press('Escape')).toEqual({ kind: 'close' });
    expect(press('x')).toBeNull();
  });

  it('ignores keys while typing in a field, except Escape', () => {
    expect(press('1', { target: field })).toBeNull();
    expect(press('Enter', { target: field })).toBeNull();
    expect(press('m', { target: field })).toBeNull();
    expect(press('Escape', { target: field })).toEqual({ kind: 'close' });
  });

  it('leaves browser shortcuts alone, lets a focused button take its own Enter, and bumps once per press', () => {
    expect(press('r', { ctrlKey: true })).toBeNull();
    expect(press('f', { metaKey: true })).toBeNull();
    expect(press('Enter', { target: button })).toBeNull();
    expect(press('ArrowRight', { target: button })).toEqual({ kind: 'move', direction: 'right' });
    expect(press('Enter', { repeat: true })).toBeNull();
    expect(press('r', { repeat: true })).toBeNull();
  });
});
