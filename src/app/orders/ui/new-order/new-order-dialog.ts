import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatRadioModule } from '@angular/material/radio';
import {
  ORDER_ITEMS_MAX,
  ORDER_NOTES_MAX,
  ORDER_QUANTITY_MAX,
  ORDER_TOTAL_MAX_MINOR,
  applyMenuItemEvent,
  ratePercentWords,
  type MenuItem,
  type Order,
  type OrderType,
} from '@maestro/contracts';
import { MenuLive } from '../../../core/realtime/menu-live';
import { filter, map } from 'rxjs';
import { ApiRequestError } from '../../../core/http/api-error-message';
import { Notifier } from '../../../core/notify/notifier';
import { ID_GENERATOR } from '../../../core/time/clock';
import { formatMoney } from '../../../shared/money';
import { confirm } from '../../../shared/ui/confirm-dialog';
import { FormError } from '../../../shared/ui/form-error';
import { orderNumber } from '../../model/order-labels';
import { OrderOrchestrator } from '../../orchestrator/order-orchestrator';
import { MenuPicker } from './menu-picker';
import { isOrderableQuantity, linesTotal } from './menu-view';
import { applyOrderType, createNewOrderForm, newLine, problemOf, toCreateOrderRequest, type LineGroup } from './new-order-form';
import { markFieldErrors, placementProblem } from './placement-error';

/** Errors after which the menu on screen is out of date (stock, availability): read it again. */
const MENU_STALE_CODES = ['out_of_stock', 'menu_item_unavailable', 'menu_item_not_found'];

/**
 * Takes an order: its type (and table or address), dishes from the menu, quantities and notes.
 * The board learns of the new order over the socket; this dialog closes with it.
 * Keyboard: Enter on a dish adds it, Ctrl+Enter places the order, Esc closes (asking first
 * when dishes were added).
 */
@Component({
  selector: 'app-new-order-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    MatRadioModule,
    FormError,
    MenuPicker,
  ],
  templateUrl: './new-order-dialog.html',
  styleUrl: './new-order-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(keydown)': 'keydown($event)' },
})
export class NewOrderDialog {
  private readonly facade = inject(OrderOrchestrator);
  private readonly notifier = inject(Notifier);
  private readonly dialogRef = inject<MatDialogRef<NewOrderDialog, Order>>(MatDialogRef);
  private readonly dialog = inject(MatDialog);
  private readonly newKey = inject(ID_GENERATOR);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  /** One key per order being written: a retry after an unknown outcome resends it, so no second order. */
  private idempotencyKey = this.newKey();

  protected readonly types: { value: OrderType; label: string }[] = [
    { value: 'dine-in', label: 'Dine-in' },
    { value: 'takeaway', label: 'Takeaway' },
    { value: 'delivery', label: 'Delivery' },
  ];
  protected readonly quantityMax = ORDER_QUANTITY_MAX;
  protected readonly notesMax = ORDER_NOTES_MAX;
  protected readonly problemOf = problemOf;
  protected readonly form = createNewOrderForm();
  protected readonly lines = this.form.controls.lines;

  protected readonly menu = signal<readonly MenuItem[] | null>(null);
  protected readonly menuLoading = signal(false);
  protected readonly menuError = signal<string | null>(null);
  protected readonly menuById = computed(() => new Map((this.menu() ?? []).map((item) => [item.id, item])));

  protected readonly type = toSignal(this.form.controls.type.valueChanges, { initialValue: this.form.controls.type.value });
  protected readonly lineValues = toSignal(this.lines.valueChanges.pipe(map(() => this.lines.getRawValue())), {
    initialValue: this.lines.getRawValue(),
  });
  protected readonly inOrder = computed(() => new Map(this.lineValues().map((line) => [line.menuItemId, line.quantity ?? 0])));
  private readonly menuLive = inject(MenuLive);
  /** The service charge of the chosen order type now (the API applies the same at placement). */
  protected readonly categories = this.menuLive.categories;
  protected readonly serviceRate = computed(() => this.menuLive.serviceCharge()?.serviceRateBasisPoints[this.type()] ?? 0);
  protected readonly total = computed(() => linesTotal(this.lineValues(), this.menuById(), this.serviceRate()));
  protected readonly money = (minor: number) => formatMoney(minor, this.total().currency ?? 'USD');
  protected readonly ratePercent = ratePercentWords;
  protected readonly totalText = computed(() => {
    const { totalMinor, currency } = this.total();
    return currency ? formatMoney(totalMinor, currency) : '—';
  });
  protected readonly mixedCurrencies = computed(() => {
    const { currencies } = this.total();
    return currencies.length > 1
      ? `These dishes are priced in different currencies (${currencies.join(', ')}); one order takes one currency. Remove the dishes in the other currency.`
      : null;
  });
  /** The API's cap on an order's total, said before placing, in the API's words. */
  protected readonly overCap = computed(() => {
    const { totalMinor, currency } = this.total();
    return currency && totalMinor > ORDER_TOTAL_MAX_MINOR
      ? `This order comes to ${formatMoney(totalMinor, currency)}; an order may come to at most ${formatMoney(ORDER_TOTAL_MAX_MINOR, currency)}. Split it into several orders.`
      : null;
  });
  protected readonly totalProblem = computed(() => this.mixedCurrencies() ?? this.overCap());

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Announced politely: what adding or removing a dish did (focus stays where it was). */
  protected readonly notice = signal('');

  constructor() {
    // Esc and the backdrop ask first when there is something to lose.
    this.dialogRef.disableClose = true;
    this.dialogRef
      .keydownEvents()
      .pipe(
        filter((event) => event.key === 'Escape'),
        takeUntilDestroyed(),
      )
      .subscribe((event) => {
        event.preventDefault();
        void this.requestClose();
      });
    this.dialogRef
      .backdropClick()
      .pipe(takeUntilDestroyed())
      .subscribe(() => void this.requestClose());
    this.form.controls.type.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => applyOrderType(this.form));
    void this.loadMenu();
    // An admin's change (a new dish, a price, an 86) shows at once; a lost stretch reads it again.
    this.menuLive.events$.pipe(takeUntilDestroyed()).subscribe((event) => {
      if (event.name !== 'menu-item:created' && event.name !== 'menu-item:updated') return;
      const menu = this.menu();
      if (menu) this.menu.set(applyMenuItemEvent(menu, event.payload.menuItem, { orderable: true }));
    });
    this.menuLive.resync$.pipe(takeUntilDestroyed()).subscribe(() => void this.loadMenu());
  }

  protected async loadMenu(): Promise<void> {
    this.menuLoading.set(true);
    this.menuError.set(null);
    try {
      this.menu.set(await this.facade.listMenu());
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'Unknown error.';
      this.menuError.set(`The menu could not be loaded. ${reason}`);
    } finally {
      this.menuLoading.set(false);
    }
  }

  protected addDish(dish: MenuItem): void {
    const line = this.lineOf(dish.id);
    if (line) {
      const quantity = Math.max(0, Math.floor(line.controls.quantity.value ?? 0));
      if (quantity >= ORDER_QUANTITY_MAX) {
        this.notice.set(`${dish.name} is already at ${ORDER_QUANTITY_MAX}, the most one line takes.`);
        return;
      }
      line.controls.quantity.setValue(quantity + 1);
      this.notice.set(`${dish.name}: ${quantity + 1} in the order.`);
      return;
    }
    if (this.lines.length >= ORDER_ITEMS_MAX) {
      this.notice.set(`An order takes at most ${ORDER_ITEMS_MAX} different dishes.`);
      return;
    }
    this.lines.push(newLine(dish.id));
    this.notice.set(`${dish.name} added.`);
  }

  protected step(line: LineGroup, delta: 1 | -1): void {
    const current = Math.floor(line.controls.quantity.value ?? 0);
    line.controls.quantity.setValue(Math.min(ORDER_QUANTITY_MAX, Math.max(1, current + delta)));
    line.controls.quantity.markAsDirty();
  }

  protected removeLine(index: number): void {
    const name = this.dishName(this.lines.at(index).controls.menuItemId.value);
    this.lines.removeAt(index);
    this.notice.set(`${name} removed.`);
    // The button that had the focus is gone: keep the keyboard user in the list.
    this.host.nativeElement.querySelector<HTMLElement>('#new-order-lines-heading')?.focus();
  }

  protected dishName(menuItemId: string): string {
    return this.menuById().get(menuItemId)?.name ?? menuItemId;
  }

  protected lineTotal(menuItemId: string, quantity: number | null): string {
    const dish = this.menuById().get(menuItemId);
    if (!dish) return '';
    // No amount for a quantity the API would refuse: the line says what to fix instead.
    return isOrderableQuantity(quantity) ? formatMoney(dish.priceMinor * quantity, dish.currency) : '—';
  }

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    this.error.set(null);
    const mixed = this.totalProblem();
    if (this.form.invalid || mixed) {
      this.form.markAllAsTouched();
      this.error.set(mixed ?? (this.lines.length ? 'Some fields need a fix: see the marked fields.' : 'Add at least one dish from the menu.'));
      this.focusFirstProblem();
      return;
    }
    const request = toCreateOrderRequest(this.form);
    this.busy.set(true);
    this.form.disable();
    try {
      const order = await this.facade.placeOrder(request, this.idempotencyKey);
      this.notifier.info(`Order ${orderNumber(order)} placed`);
      this.dialogRef.close(order);
    } catch (error) {
      this.failed(error);
    }
  }

  /** Everything typed stays; the API's reason shows above the form and on the fields it names. */
  private failed(error: unknown): void {
    const dishNames = new Map([...this.menuById()].map(([id, dish]) => [id, dish.name]));
    const problem = placementProblem(error, dishNames);
    if (problem.keySpent) this.idempotencyKey = this.newKey();
    this.busy.set(false);
    this.form.enable();
    applyOrderType(this.form);
    const marked = markFieldErrors(this.form, problem.details);
    const validation = error instanceof ApiRequestError && error.code === 'validation_failed';
    this.error.set(validation && marked ? 'Some fields need a fix: see the marked fields.' : problem.message);
    if (error instanceof ApiRequestError && MENU_STALE_CODES.includes(error.code)) void this.loadMenu();
  }

  protected async requestClose(): Promise<void> {
    if (this.busy()) return; // the answer decides whether an order exists: wait for it
    if (this.lines.length) {
      const discard = await confirm(this.dialog, {
        title: 'Discard this order?',
        message: 'The dishes and details you entered will be lost.',
        confirm: 'Discard order',
        destructive: true,
      });
      if (!discard) return;
    }
    this.dialogRef.close();
  }

  /** Ctrl+Enter places the order from anywhere; a plain Enter in a field never does (too easy by accident). */
  protected keydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter') return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      void this.submit();
      return;
    }
    const target = event.target as HTMLElement | null;
    if (target instanceof HTMLInputElement) event.preventDefault();
  }

  private lineOf(menuItemId: string): LineGroup | undefined {
    return this.lines.controls.find((line) => line.controls.menuItemId.value === menuItemId);
  }

  private focusFirstProblem(): void {
    afterNextRender(
      () => this.host.nativeElement.querySelector<HTMLElement>('[aria-invalid="true"], .lines-empty')?.focus(),
      { injector: this.injector },
    );
  }
}
