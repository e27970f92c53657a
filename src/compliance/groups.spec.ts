import type { Finding } from './finding';
import { groupByRule, groupBySubject } from './groups';

const finding = (overrides: Partial<Finding> & Pick<Finding, 'id' | 'ruleId'>): Finding => ({
  severity: 'error',
  subject: { type: 'engagement', id: 'e1', name: 'Alpha' },
  message: 'm',
  reference: 'RGPD art. 28(3)',
  evidence: {},
  remediation: 'Signer le contrat.',
  status: 'open',
  ...overrides,
});

const FINDINGS: Finding[] = [
  finding({ id: 'dpa.missing:engagement:e1', ruleId: 'dpa.missing' }),
  finding({
    id: 'dpa.missing:engagement:e2',
    ruleId: 'dpa.missing',
    subject: { type: 'engagement', id: 'e2', name: 'Beta' },
    status: 'waived',
    waiver: { key: 'w', reason: 'r', until: '2026-12-31' },
  }),
  finding({
    id: 'dpa.missing:engagement:e3',
    ruleId: 'dpa.missing',
    severity: 'warning',
    subject: { type: 'engagement', id: 'e3', name: 'Gamma' },
    remediation: 'Demander la preuve.',
  }),
  finding({
    id: 'breach.processor-window-too-long:engagement:e1',
    ruleId: 'breach.processor-window-too-long',
    severity: 'warning',
    reference: 'RGPD art. 33(2) ; contrat §9',
  }),
  finding({
    id: 'transfer.safeguard-missing:engagement:e1:US',
    ruleId: 'transfer.safeguard-missing',
    remediation: 'A',
  }),
  finding({
    id: 'transfer.safeguard-missing:engagement:e1:IN',
    ruleId: 'transfer.safeguard-missing',
    remediation: 'B',
  }),
];

describe('finding groups', () => {
  it('groups per rule and severity, in the order of the findings, keeping every finding and its id', () => {
    const groups = groupByRule(FINDINGS, 'en');
    expect(groups.map((g) => [g.id, g.count, g.open, g.waived])).toEqual([
      ['dpa.missing:error', 2, 1, 1],
      ['dpa.missing:warning', 1, 1, 0],
      ['breach.processor-window-too-long:warning', 1, 1, 0],
      ['transfer.safeguard-missing:error', 2, 2, 0],
    ]);
    expect(groups.flatMap((g) => g.findings.map((f) => f.id))).toEqual(FINDINGS.map((f) => f.id));
    const [dpa] = groups;
    expect(dpa).toMatchObject({
      ruleId: 'dpa.missing',
      severity: 'error',
      title: 'Processor without a data-processing agreement',
      reference: 'GDPR Art. 28(3), 28(4)',
      remediation: 'Signer le contrat.',
    });
    expect(dpa.subjects).toEqual([
      { type: 'engagement', id: 'e1', name: 'Alpha' },
      { type: 'engagement', id: 'e2', name: 'Beta' },
    ]);
  });

  it('keeps a remediation only when every finding of the group shares it, and each subject once', () => {
    const transfer = groupByRule(FINDINGS, 'fr').find((g) => g.ruleId === 'transfer.safeguard-missing');
    expect(transfer?.remediation).toBeNull();
    expect(transfer?.subjects).toEqual([{ type: 'engagement', id: 'e1', name: 'Alpha' }]);
    expect(transfer?.title).toBe('Transfert hors EEE sans garantie');
  });

  it('names an unknown rule by its id', () => {
    const [g] = groupByRule([finding({ id: 'x:organisation:o', ruleId: 'x.unknown' })]);
    expect(g).toMatchObject({ title: 'x.unknown', reference: 'RGPD art. 28(3)' });
  });

  it('groups per subject, the most severe open finding first, then the most open findings', () => {
    const groups = groupBySubject(FINDINGS);
    expect(groups.map((g) => [g.id, g.severity, g.count, g.open])).toEqual([
      ['engagement:e1', 'error', 4, 4],
      ['engagement:e2', 'error', 1, 0],
      ['engagement:e3', 'warning', 1, 1],
    ]);
    expect(groups[0].ruleIds).toEqual([
      'dpa.missing',
      'breach.processor-window-too-long',
      'transfer.safeguard-missing',
    ]);
  });

  it('ranks a subject by its open findings: waived ones do not make it severe', () => {
    const groups = groupBySubject([
      finding({ id: 'a', ruleId: 'dpa.missing', status: 'waived' }),
      finding({ id: 'b', ruleId: 'hds.scope-unknown', severity: 'info' }),
      finding({
        id: 'c',
        ruleId: 'dpa.missing',
        subject: { type: 'engagement', id: 'e0', name: 'Zeta' },
        severity: 'warning',
      }),
    ]);
    expect(groups.map((g) => [g.id, g.severity])).toEqual([
      ['engagement:e0', 'warning'],
      ['engagement:e1', 'info'],
    ]);
  });

  it('orders subjects of equal weight by name', () => {
    const groups = groupBySubject([
      finding({ id: 'z', ruleId: 'r', subject: { type: 'engagement', id: 'z', name: 'Zoé' } }),
      finding({ id: 'a', ruleId: 'r', subject: { type: 'engagement', id: 'a', name: 'Élise' } }),
    ]);
    expect(groups.map((g) => g.subject.name)).toEqual(['Élise', 'Zoé']);
  });
});

describe('finding groups: edges', () => {
  it('titles the groups in French unless told otherwise', () => {
    const [g] = groupByRule([finding({ id: 'dpa.missing:engagement:e1', ruleId: 'dpa.missing' })]);
    expect(g.title).toBe('Sous-traitant sans contrat de sous-traitance');
    expect(g.reference).toBe('RGPD art. 28(3), 28(4)');
  });

  it('keeps two subjects sharing a key but not a type apart', () => {
    const [g] = groupByRule([
      finding({ id: 'a', ruleId: 'r', subject: { type: 'engagement', id: 'x', name: 'X' } }),
      finding({ id: 'b', ruleId: 'r', subject: { type: 'subcontractor', id: 'x', name: 'X' } }),
    ]);
    expect(g.subjects).toEqual([
      { type: 'engagement', id: 'x', name: 'X' },
      { type: 'subcontractor', id: 'x', name: 'X' },
    ]);
  });

  it("ranks a subject by its most severe open finding, wherever it comes in the subject's findings", () => {
    const [g] = groupBySubject([
      finding({ id: 'a', ruleId: 'r1', severity: 'warning' }),
      finding({ id: 'b', ruleId: 'r2', severity: 'error' }),
      finding({ id: 'c', ruleId: 'r3', severity: 'info' }),
    ]);
    expect(g.severity).toBe('error');
    expect(g.ruleIds).toEqual(['r1', 'r2', 'r3']);
  });

  it('orders subjects by severity before open findings, open findings before name, name before id', () => {
    const at = (id: string, name: string) => ({ type: 'engagement' as const, id, name });
    const groups = groupBySubject([
      // a: one warning; b: two errors; c, d: one error each, c named later; e: like d, same name.
      finding({ id: '1', ruleId: 'r', severity: 'warning', subject: at('a', 'Alpha') }),
      finding({ id: '2', ruleId: 'r', subject: at('e', 'Delta') }),
      finding({ id: '3', ruleId: 'r', subject: at('c', 'Zulu') }),
      finding({ id: '4', ruleId: 'r', subject: at('d', 'Delta') }),
      finding({ id: '5', ruleId: 'r', subject: at('b', 'Yankee') }),
      finding({ id: '6', ruleId: 's', subject: at('b', 'Yankee') }),
    ]);
    expect(groups.map((g) => [g.id, g.severity, g.open])).toEqual([
      ['engagement:b', 'error', 2],
      ['engagement:d', 'error', 1],
      ['engagement:e', 'error', 1],
      ['engagement:c', 'error', 1],
      ['engagement:a', 'warning', 1],
    ]);
  });
});
