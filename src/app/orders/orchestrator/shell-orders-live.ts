import { DOCUMENT, Injectable, inject } from '@angular/core';
import { APP_ENVIRONMENT } from '../../core/config/app-environment';
import { declareHeadStart } from '../../core/hydration/head-start-declare';
import { boardListUrls } from '../data/http-order-repository';
import type { OrdersLive } from './orders-live';

/**
 * OrdersLive as the build prerenders the board's and the kitchen's shells (app.config.server.ts):
 * no socket and no list at build time, but a screen that attaches names the list it will ask for,
 * so the shell's HTML asks for it before the app's scripts have arrived (HeadStart).
 */
@Injectable()
export class ShellOrdersLive implements Pick<OrdersLive, 'attach' | 'serveOtherScreens' | 'reload'> {
  private readonly document = inject(DOCUMENT);
  private readonly environment = inject(APP_ENVIRONMENT);

  attach(): void {
    declareHeadStart(this.document, boardListUrls(this.environment.apiUrl));
  }

  serveOtherScreens(): void {
    // Nothing is live at build time.
  }

  reload(): Promise<void> {
    return Promise.resolve();
  }
}
