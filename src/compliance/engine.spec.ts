import { performance } from 'node:perf_hooks';
import { catalog, evaluate, evaluateInSlices } from './engine';
import { l, RuleFinding, Severity } from './finding';
import { RULES } from './rules';
import { Rule, stepped } from './rules/rule';
import { healthTreatment, makeSnapshot } from './testing';

/** A rule outside the catalog returning the findings it is given. */
const fixed = (findings: RuleFinding[], id = 'test.fixed'): Rule => ({
  id,
  severity: 'info',
  title: l('Règle de test', 'Test rule'),
  reference: l('Test 1', 'Test 1'),
  description: l('Pour les tests', 'For tests'),
  evaluate: () => findings,
});

const raw = (subjectId: string, overrides: Partial<RuleFinding> = {}): RuleFinding => ({
  ruleId: 'test.fixed',
  severity: 'info',
  subject: { type: 'organisation', id: subjectId, name: subjectId },
  message: l(`message ${subjectId}`, `message ${subjectId}`),
  reference: l('Test 1', 'Test 1'),
  evidence: {},
  remediation: l('Corriger', 'Fix'),
  ...overrides,
});

const many = (n: number): RuleFinding[] => Array.from({ length: n }, (_, i) => raw(`o${String(i).padStart(5, '0')}`));

describe('evaluate', () => {
  it('speaks French unless told otherwise', () => {
    const snapshot = makeSnapshot({ treatments: [healthTreatment()] });
    const [fr] = evaluate(snapshot).findings.filter((f) => f.ruleId === 'dpia.missing');
    expect(fr.message).toMatch(/^Le traitement « Dossier patient » appelle une analyse d'impact/);
    expect(fr.reference).toBe('RGPD art. 35(1), 35(4) ; CNIL, délibération 2018-327');
    const [en] = evaluate(snapshot, 'en').findings.filter((f) => f.ruleId === 'dpia.missing');
    expect(en.message).toMatch(/^Treatment "Dossier patient" calls for an impact assessment/);
  });

  it('orders the findings of one rule and severity by id', () => {
    const { findings } = evaluate(makeSnapshot(), 'en', [fixed([raw('b'), raw('c'), raw('a')])]);
    expect(findings.map((f) => f.id)).toEqual([
      'test.fixed:organisation:a',
      'test.fixed:organisation:b',
      'test.fixed:organisation:c',
    ]);
  });

  it('keeps findings sharing an id in the order the rule gave them', () => {
    const twins = [raw('a', { message: l('premier', 'first') }), raw('a', { message: l('second', 'second') })];
    const { findings } = evaluate(makeSnapshot(), 'en', [fixed(twins)]);
    expect(findings.map((f) => f.message)).toEqual(['first', 'second']);
  });

  it('orders by severity first, then by catalog order, whatever the rule order given', () => {
    const severity = (s: Severity, id: string) => raw(id, { severity: s, ruleId: 'test.fixed' });
    const late = fixed(
      [raw('x', { ruleId: 'breach.content-incomplete', severity: 'warning' })],
      'breach.content-incomplete',
    );
    const early = fixed(
      [raw('y', { ruleId: 'register.missing-field', severity: 'warning' })],
      'register.missing-field',
    );
    const { findings, summary } = evaluate(makeSnapshot(), 'fr', [
      fixed([severity('info', 'i'), severity('error', 'e')]),
      late,
      early,
    ]);
    expect(findings.map((f) => f.id)).toEqual([
      'test.fixed:organisation:e',
      'register.missing-field:organisation:y',
      'breach.content-incomplete:organisation:x',
      'test.fixed:organisation:i',
    ]);
    expect(summary).toEqual({ error: 1, warning: 2, info: 1, waived: 0 });
  });
});

describe('evaluateInSlices', () => {
  let now: jest.SpyInstance<number, []>;
  let immediate: jest.SpyInstance;

  beforeEach(() => {
    now = jest.spyOn(performance, 'now').mockReturnValue(100);
    immediate = jest.spyOn(global, 'setImmediate');
  });
  afterEach(() => {
    now.mockRestore();
    immediate.mockRestore();
  });

  it('speaks French unless told otherwise', async () => {
    const snapshot = makeSnapshot({ treatments: [healthTreatment()] });
    const { findings } = await evaluateInSlices(snapshot);
    expect(findings.find((f) => f.ruleId === 'dpia.missing')?.message).toMatch(/^Le traitement « Dossier patient »/);
  });

  it('yields at every step once the slice is spent: after indexing, after each rule, every 500 findings, after sorting', async () => {
    const rules = [fixed(many(2000)), fixed([], 'test.empty')];
    const result = await evaluateInSlices(makeSnapshot(), 'en', rules, 0);
    expect(result.findings).toHaveLength(2000);
    // 1 (index) + 2 (rules) + 4 (findings 500, 1 000, 1 500 and 2 000) + 1 (sorted)
    expect(immediate).toHaveBeenCalledTimes(8);
  });

  it('yields after 499 findings only at the rule steps', async () => {
    await evaluateInSlices(makeSnapshot(), 'en', [fixed(many(499))], 0);
    expect(immediate).toHaveBeenCalledTimes(3);
  });

  it('yields inside a rule written in steps, which finds the same as its evaluate', async () => {
    const rule = stepped({
      ...fixed([]),
      *steps(): Generator<void, RuleFinding[]> {
        yield;
        yield;
        return many(2);
      },
    });
    const result = await evaluateInSlices(makeSnapshot(), 'en', [rule], 0);
    // 1 (index) + 2 (inside the rule) + 1 (after it) + 1 (sorted)
    expect(immediate).toHaveBeenCalledTimes(5);
    expect(result.findings).toEqual(evaluate(makeSnapshot(), 'en', [rule]).findings);
    expect(result.findings).toHaveLength(2);
    expect(rule.evaluate({} as never)).toEqual(many(2));
  });

  it('does not yield while the slice is not spent', async () => {
    let fired = false;
    setImmediate(() => (fired = true));
    immediate.mockClear();
    const result = await evaluateInSlices(makeSnapshot(), 'en', [fixed(many(3))], 150);
    expect(result.findings).toHaveLength(3);
    expect(immediate).not.toHaveBeenCalled();
    expect(fired).toBe(false);
  });

  it('yields once the time spent reaches the slice exactly', async () => {
    now.mockReturnValueOnce(100).mockReturnValue(115);
    await evaluateInSlices(makeSnapshot(), 'en', [fixed([])], 15);
    // First check: 115 - 100 >= 15; the clock then stays at 115 and the slice restarts from there.
    expect(immediate).toHaveBeenCalledTimes(1);
  });
});

describe('catalog', () => {
  it('lists every rule, in French unless told otherwise', () => {
    const fr = catalog();
    expect(fr.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(fr.find((r) => r.id === 'dpia.review-due')).toEqual({
      id: 'dpia.review-due',
      severity: 'warning',
      title: "Analyse d'impact à réexaminer",
      reference: 'RGPD art. 35(11)',
      description:
        "L'AIPD d'un traitement est plus ancienne que sa date de réexamen, ou elle est indiquée comme à réexaminer.",
    });
    expect(catalog('en').find((r) => r.id === 'dpia.review-due')?.title).toBe('DPIA due for review');
  });
});
