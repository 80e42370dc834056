import { EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { startOrchestrator, type OrchestratorHarness } from '../../../../testing/orchestrator-harness';
import { ImportRulesCommands } from '../../data/import-rules-commands';
import { ImportOrchestrator } from '../../orchestrator/import-orchestrator';
import { ImportRulesOrchestrator } from '../../orchestrator/import-rules-orchestrator';
import { ImportFlow } from './import-flow';
import { PayeeCategoryChoices } from './payee-category-choices';

// The import screen's state against the emulators and the real rules, signed in as staff: the
// categories chosen by payee in the first import of a bank file become import rules, and the
// second import of the same file needs no category chosen by hand.
describe('Import rules learned from a review (emulator)', () => {
  let h: OrchestratorHarness<ImportOrchestrator>;
  let injector: EnvironmentInjector;
  // Payees of this test only: the same payees again would be duplicates of the other test's import.
  let run = '';
  // A bank export (Date, Description, Amount): payees of this run only, dates in the past week.
  const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
  const bankFile = () =>
    new File(
      [
        [
          'Date,Description,Amount',
          `${day(3)},SYSCO FOODS ${run},412.80`,
          `${day(3)},City Water ${run},96.10`,
          `${day(2)},Sysco Foods ${run},120.00`,
          `${day(1)},LANDLORD ${run},2500.00`,
        ].join('\n'),
      ],
      `bank-${run}.csv`,
      { type: 'text/csv' },
    );

  beforeEach(async () => {
    run = Math.random().toString(36).slice(2, 8);
    h = await startOrchestrator(ImportOrchestrator);
    TestBed.inject(ImportRulesOrchestrator).start();
    injector = createEnvironmentInjector([ImportFlow, PayeeCategoryChoices], TestBed.inject(EnvironmentInjector));
  });
  afterEach(async () => {
    const choices = injector.get(PayeeCategoryChoices);
    for (const rule of (await choices.loadedRules()).filter((r) => r.pattern.endsWith(run))) await TestBed.inject(ImportRulesCommands).delete(rule.id);
    TestBed.inject(ImportRulesOrchestrator).destroy();
    injector.destroy();
    await h.stop();
  });

  /** Upload → map (the bank account, no default category) → review. */
  async function review(flow: ImportFlow) {
    await flow.chooseFile(bankFile());
    await until(() => flow.lookups() !== null);
    flow.mappingForm.patchValue({ accountId: 'business-checking' });
    expect(flow.mappingValid()).toBeTrue();
    await flow.startReview();
    const state = flow.reviewState();
    if (state.status !== 'ready') throw new Error(`review ${state.status}`);
    return state.review;
  }

  it('the second import of the same bank file needs no manual category', async () => {
    const flow = injector.get(ImportFlow);
    const first = await review(flow);
    expect(first.invalid.length).withContext('no category for any payee yet').toBe(4);
    expect(flow.payeeCategories.payees().map((p) => [p.payee, p.rows, p.source.kind])).toEqual([
      [`SYSCO FOODS ${run}`, 2, 'none'],
      [`City Water ${run}`, 1, 'none'],
      [`LANDLORD ${run}`, 1, 'none'],
    ]);

    flow.chooseCategory(`sysco foods ${run}`, 'produce');
    flow.chooseCategory(`city water ${run}`, 'utilities');
    flow.chooseCategory(`landlord ${run}`, 'rent');
    expect(flow.plan()?.kind).toBe('ready');
    flow.startImport();
    await until(() => flow.run().status !== 'running');
    expect(flow.run().status).toBe('imported');
    await until(() => flow.payeeCategories.learned().status !== 'idle');
    expect(flow.payeeCategories.learned()).toEqual({ status: 'saved', count: 3 });

    await until(() => flow.payeeCategories.rules().filter((r) => r.pattern.endsWith(run)).length === 3);
    flow.startOver();
    const second = await review(flow);
    expect(second.invalid).toEqual([]);
    expect(flow.payeeCategories.payees().map((p) => [p.payee, p.category?.id, p.source.kind === 'rule' && p.source.rule.pattern])).toEqual([
      [`SYSCO FOODS ${run}`, 'produce', `sysco foods ${run}`],
      [`City Water ${run}`, 'utilities', `city water ${run}`],
      [`LANDLORD ${run}`, 'rent', `landlord ${run}`],
    ]);
    // Already recorded by the first import: duplicates, each ready with its category from a rule.
    flow.includeDuplicates.set(true);
    const plan = flow.plan();
    expect(plan?.kind === 'ready' && plan.rows.map((r) => r.categoryId)).toEqual(['produce', 'utilities', 'produce', 'rent']);
  }, 60_000);

  it('a category changed on the review overrides the rule and updates it after the import', async () => {
    const flow = injector.get(ImportFlow);
    await injector.get(ImportRulesCommands).save([{ ruleId: null, rule: { pattern: `sysco foods ${run}`, match: 'exact', categoryId: 'ingredients' } }]);
    const first = await review(flow);
    expect(first.invalid.map((r) => r.rowNumber)).toEqual([3, 5]);
    flow.chooseCategory(`sysco foods ${run}`, 'produce');
    flow.chooseCategory(`city water ${run}`, 'utilities');
    flow.chooseCategory(`landlord ${run}`, 'rent');
    expect(flow.plan()?.kind).toBe('ready');
    flow.startImport();
    await until(() => flow.run().status !== 'running');
    expect(flow.run().status).toBe('imported');
    await until(() => flow.payeeCategories.learned().status !== 'idle');

    expect(flow.payeeCategories.learned()).toEqual({ status: 'saved', count: 3 });
    const sysco = () => flow.payeeCategories.rules().filter((r) => r.pattern === `sysco foods ${run}`);
    await until(() => sysco()[0]?.categoryId === 'produce');
    expect(sysco().length).withContext('updated, not a second rule').toBe(1);
  }, 60_000);
});

/** Waits for the app's own signals (no timing threshold: the spec's timeout is the only limit). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 20));
}
