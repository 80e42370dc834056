import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { App } from './app/app';
import { headStartRead } from './app/core/hydration/head-start';

// On the board's and the kitchen's shells, after their head start has sent the list requests.
headStartRead(window)
  .then(() => bootstrapApplication(App, appConfig))
  .catch((err) => console.error(err));
