import { collection, getDocsFromServer } from 'firebase/firestore';
import { failureOf, startOrchestrator, type OrchestratorHarness } from '../../../testing/orchestrator-harness';
import { ImportRulesOrchestrator } from './import-rules-orchestrator';


/** Several commits per spec against the shared emulator, which can take seconds per commit under load. */
const SLOW_EMULATOR_MS = 60_000;
describe('ImportRulesOrchestrator (emulator)', () => {
  let h: OrchestratorHarness<ImportRulesOrchestrator>;
  // Patterns of this run only: other suites import into the same project and must not meet them.
  const run = Math.random().toString(36).slice(2, 8);
  const made: string[] = [];

  beforeEach(async () => (h = await startOrchestrator(ImportRulesOrchestrator)));
  afterEach(async () => {
    for (const ruleId of made.splice(0)) await h.send('IMPORT_RULE_DELETION_REQUESTED', { ruleId }, 'IMPORT_RULE_DELETED');
    await h.stop();
  });

  async function save(rules: { ruleId: string | null; rule: { pattern: string; match: 'exact' | 'contains'; categoryId: string } }[]) {
    const sent = await h.send('IMPORT_RULES_SAVING_REQUESTED', { rules }, 'IMPORT_RULES_SAVED');
    if (sent.answer.type === 'IMPORT_RULES_SAVED') made.push(...(sent.answer.payload as { ruleIds: string[] }).ruleIds.filter((id) => !made.includes(id)));
    return sent;
  }

  it('saves a rule with its activity entry, its payee normalised', async () => {
    const { request, answer } = await save([{ ruleId: null, rule: { pattern: `  Sysco   ${run} `, match: 'contains', categoryId: 'produce' } }]);

    expect(answer.type).toBe('IMPORT_RULES_SAVED');
    const [ruleId] = (answer.payload as { ruleIds: string[] }).ruleIds;
    expect(ruleId).toMatch(/^r\d{1,3}$/);
    const rule = await h.read(`importRules/${ruleId}`);
    expect(rule.data()).toEqual(jasmine.objectContaining({ pattern: `sysco ${run}`, match: 'contains', categoryId: 'produce', createdBy: h.user.uid, auditId: request.id }));
    const entry = await h.read(`activity/${request.id}`);
    expect(entry.get('action')).toBe('IMPORT_RULE_CREATED');
    expect(entry.get('subject')).toEqual({ type: 'importRule', id: ruleId });
  }, SLOW_EMULATOR_MS);

  it('updates the rule of the same payee instead of making a second one, and logs old → new', async () => {
    const first = await save([{ ruleId: null, rule: { pattern: `bakery ${run}`, match: 'exact', categoryId: 'produce' } }]);
    const second = await save([{ ruleId: null, rule: { pattern: `BAKERY ${run}`, match: 'exact', categoryId: 'ingredients' } }]);

    const ids = (e: typeof first) => (e.answer.payload as { ruleIds: string[] }).ruleIds;
    expect(ids(second)).toEqual(ids(first));
    expect((await h.read(`importRules/${ids(first)[0]}`)).get('categoryId')).toBe('ingredients');
    expect((await h.read(`activity/${second.request.id}`)).get('changes')).toEqual({ categoryId: { from: 'produce', to: 'ingredients' } });
    const all = await getDocsFromServer(collection(h.db, 'importRules'));
    expect(all.docs.filter((d) => d.get('pattern') === `bakery ${run}`).length).toBe(1);
  }, SLOW_EMULATOR_MS);

  it('saves several rules in one batch, each in its own slot with its own entry', async () => {
    const { request, answer } = await save([
      { ruleId: null, rule: { pattern: `farm a ${run}`, match: 'exact', categoryId: 'produce' } },
      { ruleId: null, rule: { pattern: `farm b ${run}`, match: 'exact', categoryId: 'rent' } },
    ]);
    const ruleIds = (answer.payload as { ruleIds: string[] }).ruleIds;
    expect(new Set(ruleIds).size).toBe(2);
    for (const id of ruleIds) expect((await h.read(`activity/${request.id}-${id}`)).get('action')).toBe('IMPORT_RULE_CREATED');
  }, SLOW_EMULATOR_MS);

  it('refuses an empty payee or an unknown category and writes nothing', async () => {
    const empty = await save([{ ruleId: null, rule: { pattern: '   ', match: 'exact', categoryId: 'produce' } }]);
    expect(failureOf(empty.answer).message).toBe('Say which payee the rule is for.');
    const unknown = await save([{ ruleId: null, rule: { pattern: `ghost ${run}`, match: 'exact', categoryId: 'no-such-category' } }]);
    expect(failureOf(unknown.answer).message).toBe('The rule’s category no longer exists: choose another one.');
    expect((await h.read(`activity/${unknown.request.id}`)).exists()).toBeFalse();
  }, SLOW_EMULATOR_MS);

  it('refuses to rename a rule onto a payee another rule already has', async () => {
    const a = await save([{ ruleId: null, rule: { pattern: `dairy a ${run}`, match: 'exact', categoryId: 'produce' } }]);
    await save([{ ruleId: null, rule: { pattern: `dairy b ${run}`, match: 'exact', categoryId: 'produce' } }]);
    const aId = (a.answer.payload as { ruleIds: string[] }).ruleIds[0]!;
    const clash = await save([{ ruleId: aId, rule: { pattern: `dairy b ${run}`, match: 'exact', categoryId: 'rent' } }]);

    expect(failureOf(clash.answer).message).toBe(`There is already a rule for “dairy b ${run}”. Edit that one instead.`);
    expect((await h.read(`importRules/${aId}`)).get('pattern')).toBe(`dairy a ${run}`);
  }, SLOW_EMULATOR_MS);

  it('deletes a rule with its deletion entry, and says so when it is already gone', async () => {
    const saved = await save([{ ruleId: null, rule: { pattern: `gone ${run}`, match: 'exact', categoryId: 'produce' } }]);
    const ruleId = made.pop()!;
    const { answer } = await h.send('IMPORT_RULE_DELETION_REQUESTED', { ruleId }, 'IMPORT_RULE_DELETED');

    expect(answer.type).toBe('IMPORT_RULE_DELETED');
    expect((await h.read(`importRules/${ruleId}`)).exists()).toBeFalse();
    expect((await h.read(`activity/del-${ruleId}-${saved.request.id}`)).get('action')).toBe('IMPORT_RULE_DELETED');
    const again = await h.send('IMPORT_RULE_DELETION_REQUESTED', { ruleId }, 'IMPORT_RULE_DELETED');
    expect(failureOf(again.answer).message).toBe('That rule no longer exists: someone may have deleted it.');
  }, SLOW_EMULATOR_MS);
});
