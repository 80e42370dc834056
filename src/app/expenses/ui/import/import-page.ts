import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatStepper, MatStepperModule } from '@angular/material/stepper';
import type { StepperSelectionEvent } from '@angular/cdk/stepper';
import { PageHeader } from '../../../shared/ui/page-header';
import { RouterLink } from '@angular/router';
import { map } from 'rxjs';
import { saveTextFile } from './save-file';
import { ImportFlow } from './import-flow';
import { MappingStep } from './mapping-step';
import { PayeeCategories } from './payee-categories';
import { PayeeCategoryChoices } from './payee-category-choices';
import { ReviewStep } from './review-step';
import { RunStep } from './run-step';
import { UploadStep } from './upload-step';

const REVIEW_STEP = 2;

/** Import expenses from a CSV file: upload, map the columns, review, import (all or nothing). */
@Component({
  selector: 'app-import-page',
  imports: [PageHeader, MatStepperModule, MatButtonModule, MatIconModule, MatProgressBarModule, UploadStep, MappingStep, ReviewStep, RunStep, PayeeCategories, RouterLink],
  templateUrl: './import-page.html',
  styleUrl: './import-page.scss',
  providers: [ImportFlow, PayeeCategoryChoices],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportPage {
  protected readonly flow = inject(ImportFlow);
  private readonly stepper = viewChild.required(MatStepper);
  /** On a phone the step labels go under their numbers: beside them they are cut and crossed by the lines. */
  protected readonly labelPosition = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 600px)')
      .pipe(map((state) => (state.matches ? 'bottom' : 'end'))),
    { initialValue: 'end' as const },
  );

  protected readonly uploaded = computed(() => this.flow.upload().status === 'ready');
  protected readonly reviewed = computed(() => this.flow.plan()?.kind === 'ready');
  /** Once an import runs or has succeeded, the steps before it are history. */
  protected readonly editable = computed(() => {
    const status = this.flow.run().status;
    return status === 'idle' || status === 'failed';
  });
  protected readonly lookupsFailed = computed(() => this.flow.accounts().status === 'error' || this.flow.categories().status === 'error');

  protected onStep(event: StepperSelectionEvent): void {
    if (event.selectedIndex === REVIEW_STEP && this.flow.run().status !== 'running') {
      this.flow.backToReview();
      void this.flow.startReview();
    }
  }

  protected toReview(): void {
    if (!this.flow.mappingValid()) {
      this.flow.mappingForm.markAllAsTouched();
      return;
    }
    this.stepper().next();
  }

  protected startImport(): void {
    if (this.flow.plan()?.kind !== 'ready') return;
    this.flow.startImport();
    this.stepper().next();
  }

  protected backToReview(): void {
    this.flow.backToReview();
    this.stepper().previous();
  }

  protected startOver(): void {
    this.flow.startOver();
    this.stepper().reset();
  }

  protected download(): void {
    const file = this.flow.problemsFile();
    if (file) saveTextFile(file.name, file.content, 'text/csv');
  }
}
