import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import type { CreateSubprocessorChangeDto } from '../../subcontractors/subprocessor-change.dto';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { subprocessorListStale } from './subprocessor-list-stale.rule';

const processor = (overrides: Partial<CreateEngagementDto> = {}): CreateEngagementDto => ({
  key: 'e-saas',
  provider: 'saas',
  dpaVersionDate: '2025-03',
  ...overrides,
});
const sub = (listedOn?: string, overrides: Partial<CreateEngagementDto> = {}): CreateEngagementDto => ({
  key: 'e-sub',
  provider: 'sub',
  client: 'saas',
  listedOn,
  ...overrides,
});

function run(engagements: CreateEngagementDto[], changes: CreateSubprocessorChangeDto[] = []) {
  return subprocessorListStale.evaluate(
    new SnapshotIndex(
      makeSnapshot({
        subcontractors: [
          { key: 'saas', name: 'Éditeur' },
          { key: 'sub', name: 'Nouveau sous-traitant' },
        ],
        engagements,
        subprocessorChanges: changes,
        treatments: [healthTreatment({ uses: [{ engagement: 'e-saas' }] })],
      }),
    ),
  );
}

describe('subprocessor.list-stale', () => {
  it('reports a sub-processor listed after the version of the document held, with no change notice', () => {
    const findings = run([processor(), sub('2025-04-02')]);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ ruleId: 'subprocessor.list-stale', severity: 'warning' });
    expect(f.subject).toEqual({ type: 'engagement', id: 'e-sub', name: 'Nouveau sous-traitant (Éditeur →)' });
    expect(f.evidence).toEqual({
      subprocessor: 'Nouveau sous-traitant',
      processor: 'Éditeur',
      listedOn: '2025-04-02',
      documentVersionDate: '2025-03',
      documents: ['e-saas'],
      treatments: ['t'],
    });
    expect(f.message.en).toBe(
      "Nouveau sous-traitant was added to Éditeur's sub-processor list (2025-04-02) after the version of the document held (2025-03), and no change notice is recorded: the list held is out of date.",
    );
  });

  it('cannot tell within the month a document is dated by, and says nothing for an earlier listing', () => {
    expect(run([processor(), sub('2025-03-31')])).toEqual([]);
    expect(run([processor(), sub('2025-03')])).toEqual([]);
    expect(run([processor(), sub('2024-12')])).toEqual([]);
    expect(run([processor({ dpaVersionDate: '2025-03-15' }), sub('2025-03-16')])).toHaveLength(1);
  });

  it("reads the document's own version date when the DPA has none, and the newest of several documents", () => {
    const bySource = processor({ dpaVersionDate: undefined, source: { document: 'CGU', versionDate: '2025-06-23' } });
    expect(run([bySource, sub('2025-07')])).toHaveLength(1);
    expect(run([bySource, sub('2025-06')])).toEqual([]);
    const newer = processor({ key: 'e-saas-2', dpaVersionDate: '2025-09' });
    expect(run([processor(), newer, sub('2025-07')])).toEqual([]);
    expect(run([processor({ dpaVersionDate: undefined }), sub('2025-07')])).toEqual([]);
  });

  it('is answered by a change notice for that sub-processor under the processor’s contract', () => {
    const notice: CreateSubprocessorChangeDto = {
      key: 'ch',
      engagement: 'e-saas',
      subprocessor: 'sub',
      kind: 'addition',
      noticeReceivedAt: '2025-03-20T10:00:00+01:00',
    };
    expect(run([processor(), sub('2025-04-02')], [notice])).toEqual([]);
    expect(run([processor(), sub('2025-04-02')], [{ ...notice, subprocessor: 'saas' }])).toHaveLength(1);
  });

  it('ignores direct providers, sub-processors with no listing date, and ones removed since', () => {
    expect(run([processor({ listedOn: '2026-01' })])).toEqual([]);
    expect(run([processor(), sub(undefined)])).toEqual([]);
    expect(run([processor(), sub('2025-04', { removedOn: '2026-02' })])).toEqual([]);
  });
});

describe('subprocessor.list-stale: texts and edges', () => {
  it('describes the rule in French and English', () => {
    expect(subprocessorListStale).toMatchObject({
      id: 'subprocessor.list-stale',
      severity: 'warning',
      title: { fr: 'Liste des sous-traitants ultérieurs périmée', en: 'Sub-processor list out of date' },
      reference: { fr: 'RGPD art. 28(2)', en: 'GDPR Art. 28(2)' },
      description: {
        fr: "Un sous-traitant ultérieur a été ajouté à la liste de son sous-traitant après la version du document que détient l'organisation, sans qu'aucun avis de changement soit enregistré.",
        en: 'A sub-processor was added to its processor’s list after the version of the document the organisation holds, with no change notice recorded.',
      },
    });
  });

  it('words the finding in French, with the reference and the remediation in both languages', () => {
    const [f] = run([processor(), sub('2025-04-02')]);
    expect(f.message.fr).toBe(
      "Nouveau sous-traitant a été ajouté à la liste des sous-traitants ultérieurs de Éditeur (2025-04-02) après la version du document détenu (2025-03), et aucun avis de changement n'est enregistré : la liste détenue est périmée.",
    );
    expect(f.reference).toEqual({ fr: 'RGPD art. 28(2)', en: 'GDPR Art. 28(2)' });
    expect(f.remediation).toEqual({
      fr: "Demander à Éditeur sa liste à jour et l'avis d'ajout de Nouveau sous-traitant ; enregistrer l'avis (subprocessor-changes) et, s'il est encore temps, exercer le droit d'opposition.",
      en: "Ask Éditeur for its current list and the notice of Nouveau sous-traitant's addition; record the notice (subprocessor-changes) and, if still in time, consider objecting.",
    });
  });

  it('takes the newest document whatever the order, and the DPA version before its source', () => {
    const newer = processor({ key: 'e-saas-2', dpaVersionDate: '2025-09' });
    expect(run([newer, processor(), sub('2025-07')])).toEqual([]);
    const both = processor({ source: { document: 'CGU', versionDate: '2025-09-01' } });
    const [f] = run([both, sub('2025-07')]);
    expect(f.evidence).toMatchObject({ documentVersionDate: '2025-03', documents: ['e-saas'] });
    const [two] = run([processor(), processor({ key: 'e-saas-2', dpaVersionDate: '2025-01' }), sub('2025-07')]);
    expect(two.evidence).toMatchObject({ documentVersionDate: '2025-03', documents: ['e-saas', 'e-saas-2'] });
  });

  it("ignores the processor's own engagements as a sub-processor of someone else", () => {
    const elsewhere = processor({ key: 'e-saas-other', client: 'sub', dpaVersionDate: '2026-01' });
    const findings = run([processor(), elsewhere, sub('2025-04-02')]);
    expect(findings.map((f) => [f.subject.id, f.evidence.documents])).toEqual([['e-sub', ['e-saas']]]);
  });

  it('is not answered by a change notice under a contract the organisation does not hold with that processor', () => {
    const notice: CreateSubprocessorChangeDto = {
      key: 'ch',
      engagement: 'e-other',
      subprocessor: 'sub',
      kind: 'addition',
      noticeReceivedAt: '2025-03-20T10:00:00+01:00',
    };
    expect(run([processor(), sub('2025-04-02')], [notice])).toHaveLength(1);
  });
});
