import { DOCUMENT, Injectable, inject, signal } from '@angular/core';

/**
 * - `idle`: no audio yet (the screen has not asked for it).
 * - `blocked`: the browser holds audio until someone clicks or presses a key on the page.
 * - `ready`: a chime will be heard.
 * - `unavailable`: this browser has no Web Audio.
 */
export type ChimeState = 'idle' | 'blocked' | 'ready' | 'unavailable';

/**
 * The new-ticket chime: two short tones made with Web Audio (no sound file to load or cache).
 * A thin wrapper so specs replace it with a fake that counts chimes.
 */
@Injectable({ providedIn: 'root' })
export class KitchenChime {
  private readonly window = inject(DOCUMENT).defaultView;
  private context: AudioContext | null = null;
  private readonly stateValue = signal<ChimeState>('idle');
  readonly state = this.stateValue.asReadonly();

  /** Creates the audio context; browsers start it suspended until a user gesture (`blocked`). */
  prepare(): void {
    this.audio();
  }

  /** Call from a click or key press: the browser lets audio start only then. */
  async unlock(): Promise<void> {
    const context = this.audio();
    if (context?.state === 'suspended') {
      await context.resume().catch(() => undefined);
    }
    this.sync();
  }

  /** Rings once; false when the browser would not let it be heard. */
  play(): boolean {
    const context = this.audio();
    if (!context || context.state !== 'running') return false;
    const start = context.currentTime;
    this.tone(context, 880, start);
    this.tone(context, 1320, start + 0.18);
    return true;
  }

  private tone(context: AudioContext, frequency: number, at: number): void {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    // A quick rise and an exponential fall: a bell, not a click.
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.35, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.3);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + 0.32);
  }

  private audio(): AudioContext | null {
    if (this.context) return this.context;
    const Context = this.window?.AudioContext;
    if (!Context) {
      this.stateValue.set('unavailable');
      return null;
    }
    this.context = new Context();
    this.context.addEventListener('statechange', () => this.sync());
    this.sync();
    return this.context;
  }

  private sync(): void {
    this.stateValue.set(this.context?.state === 'running' ? 'ready' : 'blocked');
  }
}
