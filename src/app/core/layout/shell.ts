import { BreakpointObserver } from '@angular/cdk/layout';
import { NgTemplateOutlet, isPlatformServer } from '@angular/common';
import { ChangeDetectionStrategy, Component, PLATFORM_ID, computed, effect, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { type ActivatedRouteSnapshot, NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';
import { Session } from '../auth/session';
import { Theme } from '../theme/theme';
import { NAV_ITEMS } from './nav-items';

const THEME_ICONS = { system: 'brightness_auto', light: 'light_mode', dark: 'dark_mode' } as const;

/** The signed-in frame: toolbar with the user, side navigation, and the routed page. */
@Component({
  selector: 'app-shell',
  imports: [
    NgTemplateOutlet,
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatIconModule,
    MatButtonModule,
    MatMenuModule,
    MatDividerModule,
    MatTooltipModule,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.prerendered]': 'prerendered' },
})
export class Shell {
  /**
   * Rendered by the build (PAGE_SHELL) and shown before the scripts: Material lays the drawer out
   * in script, so shell.scss does it meanwhile. The class goes when the browser takes the page over.
   */
  protected readonly prerendered = isPlatformServer(inject(PLATFORM_ID));
  protected readonly session = inject(Session);
  protected readonly theme = inject(Theme);
  private readonly router = inject(Router);

  protected readonly compact = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 840px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  private readonly routeData = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => deepestChild(this.router.routerState.snapshot.root).data),
    ),
    { initialValue: {} as Record<string, unknown> },
  );
  /** A route with `data: { fullBleed: true }` (a wall screen) gets the whole width, no padding. */
  protected readonly fullBleed = computed(() => this.routeData()['fullBleed'] === true);
  /**
   * A route with `data: { chrome: false }` (the kitchen display) gets the whole screen: no toolbar
   * and no navigation, so none of their controls sit in the Tab order before the page's own. The
   * page keeps its own way out.
   */
  protected readonly chrome = computed(() => this.routeData()['chrome'] !== false);
  /** A page under no item of its own (`data: { navActive: '/reports/sales' }`) marks the item it belongs to. */
  protected readonly navActive = computed(() => this.routeData()['navActive']);
  protected readonly staffItems = NAV_ITEMS.filter((item) => !item.adminOnly);
  protected readonly adminItems = computed(() => (this.session.isAdmin() ? NAV_ITEMS.filter((i) => i.adminOnly) : []));
  protected readonly initials = computed(() => initialsOf(this.session.user()?.displayName ?? ''));
  protected readonly themeIcon = computed(() => THEME_ICONS[this.theme.mode()]);

  constructor() {
    // Signed out elsewhere (another tab, a revoked session): leave the signed-in pages.
    effect(() => {
      if (this.session.status() === 'signed-out') void this.router.navigate(['/sign-in']);
    });
  }

  protected signOut(): void {
    void this.session.signOut();
  }
}

function deepestChild(route: ActivatedRouteSnapshot): ActivatedRouteSnapshot {
  return route.firstChild ? deepestChild(route.firstChild) : route;
}

function initialsOf(name: string): string {
  const parts = name.replace(/@.*/, '').split(/[\s._-]+/).filter(Boolean);
  return parts
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
}
