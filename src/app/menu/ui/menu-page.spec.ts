import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { Subject } from 'rxjs';
import { Session } from '../../core/auth/session';
import { SessionEnd } from '../../core/auth/session-end';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { apiErrorInterceptor, authTokenInterceptor } from '../../core/http/api-interceptors';
import { Notifier } from '../../core/notify/notifier';
import { MenuLive } from '../../core/realtime/menu-live';
import { MenuStock } from '../data/menu-stock';
import { categoryFixture, dishFixture, menuFixture } from '../model/menu-fixtures';
import type { LiveStock } from '../model/menu-model';
import { MenuOrchestrator } from '../orchestrator/menu-orchestrator';
import { MenuPage } from './menu-page';

// The page over the real MenuApi, state and orchestrator, through the app's interceptors; the
// HTTP backend is Angular's testing controller (the server tests and the journey run the real API).
describe('MenuPage', () => {
  const apiUrl = 'http://api.test';
  let fixture: ComponentFixture<MenuPage>;
  let backend: HttpTestingController;
  let notified: string[];
  /** Firestore's live stock (its own spec runs it against the emulator: menu-state.api.spec.ts). */
  let liveStock: Subject<ReadonlyMap<string, LiveStock>>;

  beforeEach(async () => {
    notified = [];
    liveStock = new Subject();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([apiErrorInterceptor, authTokenInterceptor])),
        provideHttpClientTesting(),
        { provide: APP_ENVIRONMENT, useValue: { apiUrl } },
        { provide: Session, useValue: { idToken: () => Promise.resolve('admin-token'), user: () => ({ uid: 'admin-1', email: 'admin@maestro.test', role: 'admin' }) } },
        { provide: SessionEnd, useValue: { end: () => Promise.resolve() } },
        { provide: Notifier, useValue: { error: (m: string) => notified.push(m), info: (m: string) => notified.push(m) } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        { provide: MenuStock, useValue: { watch: () => liveStock } },
      ],
    });
    TestBed.inject(MenuOrchestrator).start();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MenuPage);
  });
  afterEach(() => {
    TestBed.inject(MenuOrchestrator).destroy();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = ''));
  });

  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };
  const el = () => fixture.nativeElement as HTMLElement;
  const text = () => el().textContent?.replace(/\s+/g, ' ') ?? '';
  const button = (label: string) =>
    [...el().querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === label || b.textContent?.trim() === label)!;
  async function loaded(menu = menuFixture()) {
    await settle();
    backend.expectOne(`${apiUrl}/api/menu`).flush(menu);
    await settle();
  }

  it('lists the categories in their order with tax in words, their dishes with price, stock and state', async () => {
    await loaded();
    expect([...el().querySelectorAll('h2[id^="category-"]')].map((h) => h.textContent?.trim())).toEqual(['Starters', 'Mains', 'Drinks', 'Without a category']);
    expect(text()).toContain('8.25 % tax added to prices');
    expect(text()).toContain('20 % tax included in prices');
    expect(text()).toContain('Calamari');
    expect(text()).toContain('$11.50');
    expect(text()).toContain('Unavailable (86)');
    expect(text()).not.toContain('Risotto');
    expect(text()).toContain('Show 1 archived dish');
    expect(button('Move Starters up').disabled).toBeTrue();
    expect(button('Move Drinks down').disabled).toBeTrue();
  });

  it('says when the menu cannot be loaded, and loads it on Try again', async () => {
    await settle();
    backend.expectOne(`${apiUrl}/api/menu`).flush({ error: { code: 'unavailable', message: 'Firestore is not answering.' } }, { status: 503, statusText: 'Unavailable' });
    await settle();
    expect(text()).toContain('The menu could not be loaded.');
    button('Try again').click();
    await loaded();
    expect(text()).toContain('Burger');
  });

  it('moves a category down through the API and shows the order it answers with', async () => {
    await loaded();
    button('Move Starters down').click();
    await settle();
    const request = backend.expectOne(`${apiUrl}/api/menu/category-order`);
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ categoryIds: ['mains', 'starters', 'drinks'] });
    request.flush([categoryFixture('mains', 0, { version: 2 }), categoryFixture('starters', 1, { version: 2 }), categoryFixture('drinks', 2, { version: 2, taxRateBasisPoints: 2000, taxInclusive: true })]);
    await settle();
    expect([...el().querySelectorAll('h2[id^="category-"]')].map((h) => h.textContent?.trim()).slice(0, 2)).toEqual(['Mains', 'Starters']);
  });

  it('86s a dish; a refusal is said in the API’s words and the dish stays as it was', async () => {
    await loaded();
    button('86 Burger: mark unavailable').click();
    await settle();
    const refused = backend.expectOne(`${apiUrl}/api/menu/items/burger`);
    expect(refused.request.body).toEqual({ available: false });
    refused.flush(
      { error: { code: 'forbidden', message: 'This needs an administrator account. Ask a Maestro administrator for access.' } },
      { status: 403, statusText: 'Forbidden' },
    );
    await settle();
    expect(notified.join(' ')).toContain('administrator');
    expect(button('86 Burger: mark unavailable')).toBeTruthy();
    button('86 Burger: mark unavailable').click();
    await settle();
    backend.expectOne(`${apiUrl}/api/menu/items/burger`).flush(dishFixture('burger', 'mains', { available: false, version: 2 }));
    await settle();
    expect(button('Back on: mark Burger available')).toBeTruthy();
  });

  it('follows the server’s events: another admin’s new dish and a cook’s 86 show at once', async () => {
    await loaded();
    const live = TestBed.inject(MenuLive);
    live.publish({ name: 'menu-item:created', payload: { menuItem: dishFixture('pie', 'mains', { name: 'Apple pie' }), changedFields: [] } });
    live.publish({ name: 'menu-item:updated', payload: { menuItem: dishFixture('lemonade', 'drinks', { available: false, version: 2 }), changedFields: ['available'] } });
    await settle();
    expect(text()).toContain('Apple pie');
    expect(button('Back on: mark Lemonade available')).toBeTruthy();
  });

  it('shows stock that orders reserved (no menu event) at once; an older dish version does not undo an edit', async () => {
    await loaded();
    const stockOf = (name: string) =>
      [...el().querySelectorAll('li.dish')].find((li) => li.querySelector('.dish-name')?.textContent?.trim() === name)?.querySelector('.dish-meta')?.textContent?.trim();
    expect(stockOf('Burger')).toBe('grill · 10 in stock');
    liveStock.next(new Map([['burger', { stock: 7, version: 1 }]]));
    await settle();
    expect(stockOf('Burger')).toBe('grill · 7 in stock');
    // Our own restock answered (version 2) before the listener caught up: the answer stands.
    TestBed.inject(MenuLive).publish({ name: 'menu-item:updated', payload: { menuItem: dishFixture('burger', 'mains', { stock: 30, version: 2 }), changedFields: ['stock'] } });
    await settle();
    expect(stockOf('Burger')).toBe('grill · 30 in stock');
    expect(stockOf('Lemonade')).toBe('bar · 10 in stock');
  });

  it('adds a dish: the price typed in major units goes to the API in minor units', async () => {
    await loaded();
    button('Add a dish to Mains').click();
    await settle();
    const overlay = document.querySelector('.cdk-overlay-container') as HTMLElement;
    const input = (label: string) =>
      [...overlay.querySelectorAll('mat-form-field')].find((f) => f.querySelector('mat-label')?.textContent?.trim() === label)!.querySelector('input')!;
    const typeIn = (label: string, value: string) => {
      input(label).value = value;
      input(label).dispatchEvent(new Event('input'));
    };
    typeIn('Name', 'Club sandwich');
    typeIn('Price', '12.5');
    typeIn('Units in stock', '8');
    [...overlay.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Add dish')!.click();
    await settle();
    const request = backend.expectOne(`${apiUrl}/api/menu/items`);
    expect(request.request.body).toEqual({ name: 'Club sandwich', categoryId: 'mains', station: 'grill', priceMinor: 1250, currency: 'USD', available: true, stock: 8 });
    request.flush(dishFixture('club', 'mains', { name: 'Club sandwich', priceMinor: 1250 }));
    await settle();
    expect(text()).toContain('Club sandwich');
    expect(notified).toContain('Club sandwich is on the menu.');
  });
});
