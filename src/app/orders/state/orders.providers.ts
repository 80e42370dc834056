// The orders slice, registered with the feature at app start (orders.providers.ts).
import type { EnvironmentProviders } from '@angular/core';
import { provideState } from '@ngrx/store';
import { ordersFeature } from './orders.reducer';

export function provideOrdersState(): EnvironmentProviders {
  return provideState(ordersFeature);
}
