import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { KitchenChime } from './kitchen-chime';

/** Just enough of Web Audio to see what the chime asks of it. */
class FakeAudioContext {
  static created: FakeAudioContext[] = [];
  state: AudioContextState = 'suspended';
  readonly currentTime = 0;
  readonly destination = {};
  readonly oscillators: { frequency: number; started: number; stopped: number }[] = [];
  private readonly listeners: (() => void)[] = [];

  constructor() {
    FakeAudioContext.created.push(this);
  }

  addEventListener(_type: 'statechange', listener: () => void): void {
    this.listeners.push(listener);
  }

  async resume(): Promise<void> {
    this.state = 'running';
    this.listeners.forEach((listener) => listener());
  }

  createOscillator() {
    const oscillator = { frequency: 0, started: -1, stopped: -1 };
    this.oscillators.push(oscillator);
    return {
      type: 'sine',
      frequency: {
        set value(hz: number) {
          oscillator.frequency = hz;
        },
      },
      connect: (node: unknown) => node,
      start: (at: number) => (oscillator.started = at),
      stop: (at: number) => (oscillator.stopped = at),
    };
  }

  createGain() {
    const ramp = () => undefined;
    return { gain: { setValueAtTime: ramp, exponentialRampToValueAtTime: ramp }, connect: (node: unknown) => node };
  }
}

function chimeWith(AudioContext: unknown): KitchenChime {
  TestBed.configureTestingModule({
    providers: [{ provide: DOCUMENT, useValue: { defaultView: { AudioContext } } }],
  });
  return TestBed.inject(KitchenChime);
}

describe('KitchenChime (Web Audio)', () => {
  beforeEach(() => (FakeAudioContext.created = []));

  it('is blocked until a user gesture resumes the audio, then rings two tones', async () => {
    const chime = chimeWith(FakeAudioContext);
    expect(chime.state()).toBe('idle');
    chime.prepare();
    expect(chime.state()).toBe('blocked');
    expect(chime.play()).toBeFalse();

    await chime.unlock();
    expect(chime.state()).toBe('ready');
    expect(chime.play()).toBeTrue();
    const [context] = FakeAudioContext.created;
    expect(FakeAudioContext.created.length).withContext('one context for the screen').toBe(1);
    expect(context.oscillators.map((o) => o.frequency)).toEqual([880, 1320]);
    expect(context.oscillators.every((o) => o.stopped > o.started)).toBeTrue();
  });

  it('says so when the browser has no Web Audio, and never throws', async () => {
    const chime = chimeWith(undefined);
    chime.prepare();
    expect(chime.state()).toBe('unavailable');
    expect(chime.play()).toBeFalse();
    await expectAsync(chime.unlock()).toBeResolved();
  });
});
