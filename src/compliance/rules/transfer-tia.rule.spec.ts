import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import type { SafeguardDto } from '../../transfers/safeguard.dto';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { transferTiaIncomplete } from './transfer-tia-incomplete.rule';
import { transferTiaMissing } from './transfer-tia-missing.rule';

const SCC: SafeguardDto = { kind: 'scc-2021', sccModule: 'C2P', signedOn: '2024-01-10' };
const TIA = {
  assessedOn: '2025-03-14',
  conclusion: 'supplementary-measures' as const,
  supplementaryMeasures: ['BYOK'],
};

const engagement = (overrides: Partial<CreateEngagementDto> = {}): CreateEngagementDto => ({
  key: 'e-host',
  provider: 'host',
  processingCountries: ['IN'],
  transferSafeguards: [SCC],
  ...overrides,
});

function snapshot(e: CreateEngagementDto, options: { dpfCertified?: boolean; asOf?: string } = {}) {
  return new SnapshotIndex(
    makeSnapshot({
      asOf: options.asOf ?? '2026-06-01',
      subcontractors: [{ key: 'host', name: 'Offshore Ltd', dpfCertified: options.dpfCertified }],
      engagements: [e],
      treatments: [healthTreatment({ uses: [{ engagement: 'e-host' }] })],
    }),
  );
}
const missing = (e: CreateEngagementDto, options = {}) => transferTiaMissing.evaluate(snapshot(e, options));
const incomplete = (e: CreateEngagementDto, options = {}) => transferTiaIncomplete.evaluate(snapshot(e, options));

describe('transfer.tia-missing', () => {
  it('reports SCC 2021/914 to a country without adequacy and no assessment: an error', () => {
    const findings = missing(engagement());
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ ruleId: 'transfer.tia-missing', severity: 'error', detail: 'IN' });
    expect(f.subject).toEqual({ type: 'engagement', id: 'e-host', name: 'Offshore Ltd' });
    expect(f.evidence).toMatchObject({ country: 'IN', safeguard: SCC, dpfCountry: false, treatments: ['t'] });
    expect(f.message.fr).toBe(
      "Offshore Ltd (IN) : le transfert repose sur des CCT sans analyse d'impact du transfert enregistrée.",
    );
    expect(f.message.en).toBe(
      'Offshore Ltd (IN): the transfer stands on SCC with no recorded transfer impact assessment.',
    );
  });

  it('weighs a US transfer under SCC less (a warning) than one to a country without any adequacy', () => {
    const [f] = missing(engagement({ processingCountries: ['US'] }));
    expect(f.severity).toBe('warning');
    expect(f.evidence.dpfCountry).toBe(true);
    expect(f.message.en).toContain('(a DPF country, but not this recipient)');
  });

  it('needs no assessment where adequacy, the DPF or the EEA covers the transfer', () => {
    expect(missing(engagement({ processingCountries: ['JP'] }))).toEqual([]);
    expect(missing(engagement({ processingCountries: ['FR'] }))).toEqual([]);
    expect(missing(engagement({ processingCountries: ['US'] }), { dpfCertified: true })).toEqual([]);
    expect(missing(engagement({ processingCountries: ['US'], transferSafeguards: [{ kind: 'dpf' }, SCC] }))).toEqual(
      [],
    );
  });

  it('asks for an assessment of BCR and of unversioned SCC too, not of a derogation or a missing safeguard', () => {
    expect(missing(engagement({ transferSafeguards: [{ kind: 'bcr' }] })).map((f) => f.message.en)).toEqual([
      'Offshore Ltd (IN): the transfer stands on BCR with no recorded transfer impact assessment.',
    ]);
    expect(missing(engagement({ transferSafeguards: [{ kind: 'scc-unspecified' }] }))).toHaveLength(1);
    expect(missing(engagement({ transferSafeguards: [{ kind: 'derogation', details: 'art. 49(1)(b)' }] }))).toEqual([]);
    expect(missing(engagement({ transferSafeguards: [] }))).toEqual([]);
    expect(missing(engagement({ transferSafeguards: [{ kind: 'scc-2010', signedOn: '2019-01-01' }] }))).toEqual([]);
  });

  it('is answered by an assessment on the safeguard the transfer stands on', () => {
    expect(missing(engagement({ transferSafeguards: [{ ...SCC, tia: TIA }] }))).toEqual([]);
    // An assessment attached to a safeguard that covers other countries does not answer this one.
    const elsewhere = [{ ...SCC, countries: ['CN'], tia: TIA }, SCC];
    expect(missing(engagement({ transferSafeguards: elsewhere }))).toHaveLength(1);
  });

  it('reports access from any country under SCC as an error', () => {
    const [f] = missing(engagement({ processingCountries: ['FR'], accessWorldwide: true }));
    expect(f).toMatchObject({ severity: 'error', detail: 'worldwide' });
    expect(f.message.en).toContain('Offshore Ltd (any country)');
  });
});

describe('transfer.tia-incomplete', () => {
  it('reports nothing for a sound assessment, or when none is recorded (that is tia-missing)', () => {
    expect(incomplete(engagement({ transferSafeguards: [{ ...SCC, tia: TIA }] }))).toEqual([]);
    expect(incomplete(engagement())).toEqual([]);
  });

  it('reports a negative conclusion: the transfer must be suspended (error)', () => {
    const tia = { assessedOn: '2025-03-14', conclusion: 'not-essentially-equivalent' as const };
    const [f] = incomplete(engagement({ transferSafeguards: [{ ...SCC, tia }] }));
    expect(f).toMatchObject({ severity: 'error', detail: 'IN' });
    expect(f.evidence).toMatchObject({ problems: ['negative'], tia });
    expect(f.message.en).toBe(
      'Offshore Ltd (IN): the assessment concludes that the destination law does not allow the safeguard to be complied with: the transfer must be suspended.',
    );
  });

  it('reports supplementary measures required but not listed, weighed like a missing assessment', () => {
    const tia = { assessedOn: '2025-03-14', conclusion: 'supplementary-measures' as const };
    expect(incomplete(engagement({ transferSafeguards: [{ ...SCC, tia }] })).map((f) => f.severity)).toEqual(['error']);
    const us = incomplete(engagement({ processingCountries: ['US'], transferSafeguards: [{ ...SCC, tia }] }));
    expect(us.map((f) => [f.severity, f.evidence.problems])).toEqual([['warning', ['measures-missing']]]);
  });

  it('reports an assessment past its review date from the day after it', () => {
    const tia = { ...TIA, reviewOn: '2026-05-31' };
    expect(incomplete(engagement({ transferSafeguards: [{ ...SCC, tia }] }), { asOf: '2026-05-31' })).toEqual([]);
    const [f] = incomplete(engagement({ transferSafeguards: [{ ...SCC, tia }] }), { asOf: '2026-06-01' });
    expect(f).toMatchObject({ severity: 'warning', evidence: { problems: ['review-due'] } });
    expect(f.message.fr).toContain("la revue prévue le 2026-05-31 n'est pas enregistrée");
  });

  it('lists every problem of one assessment in one finding, at the most severe level', () => {
    const tia = { assessedOn: '2025-03-14', conclusion: 'not-essentially-equivalent' as const, reviewOn: '2026-01-01' };
    const [f] = incomplete(engagement({ transferSafeguards: [{ ...SCC, tia }] }));
    expect(f.severity).toBe('error');
    expect(f.evidence.problems).toEqual(['negative', 'review-due']);
  });

  it('words every problem in French and English, joined, a warning when none is an error', () => {
    const tia = { assessedOn: '2025-03-14', conclusion: 'supplementary-measures' as const, reviewOn: '2026-01-01' };
    const findings = incomplete(engagement({ processingCountries: ['US'], transferSafeguards: [{ ...SCC, tia }] }));
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('transfer.tia-incomplete');
    expect(f.severity).toBe('warning');
    expect(f.subject).toEqual({ type: 'engagement', id: 'e-host', name: 'Offshore Ltd' });
    expect(f.detail).toBe('US');
    expect(f.message).toEqual({
      fr: "Offshore Ltd (US) : l'analyse exige des mesures supplémentaires, mais aucune n'est indiquée ; la revue prévue le 2026-01-01 n'est pas enregistrée.",
      en: 'Offshore Ltd (US): the assessment requires supplementary measures, but none is listed; the review due on 2026-01-01 is not recorded.',
    });
    expect(f.reference).toEqual({
      fr: 'CJUE C-311/18 (Schrems II), pts 134-135 ; EDPB, recommandations 01/2020',
      en: 'CJEU C-311/18 (Schrems II), paras 134-135; EDPB Recommendations 01/2020',
    });
    expect(f.evidence).toEqual({
      provider: 'Offshore Ltd',
      country: 'US',
      countryName: "États-Unis d'Amérique",
      via: 'processing',
      safeguards: [{ ...SCC, tia }],
      dpfCertified: null,
      treatments: ['t'],
      source: null,
      tia,
      problems: ['measures-missing', 'review-due'],
    });
    expect(f.remediation).toEqual({
      fr: "Suspendre le transfert si l'analyse est négative ; sinon enregistrer les mesures supplémentaires effectivement prises et revoir l'analyse.",
      en: 'Suspend the transfer if the assessment is negative; otherwise record the supplementary measures actually taken and review the assessment.',
    });
  });

  it('words a negative conclusion in French, for access from any country', () => {
    const tia = { assessedOn: '2025-03-14', conclusion: 'not-essentially-equivalent' as const };
    const [f] = incomplete(
      engagement({ processingCountries: ['FR'], accessWorldwide: true, transferSafeguards: [{ ...SCC, tia }] }),
    );
    expect(f.detail).toBe('worldwide');
    expect(f.message.fr).toBe(
      "Offshore Ltd (n'importe quel pays) : l'analyse conclut que le droit du pays ne permet pas de respecter la garantie : le transfert doit être suspendu.",
    );
    expect(f.message.en).toBe(
      'Offshore Ltd (any country): the assessment concludes that the destination law does not allow the safeguard to be complied with: the transfer must be suspended.',
    );
  });

  it('counts an empty list of measures as none, and asks for none after an essentially-equivalent conclusion', () => {
    const empty = {
      assessedOn: '2025-03-14',
      conclusion: 'supplementary-measures' as const,
      supplementaryMeasures: [],
    };
    expect(
      incomplete(engagement({ transferSafeguards: [{ ...SCC, tia: empty }] })).map((f) => f.evidence.problems),
    ).toEqual([['measures-missing']]);
    const equivalent = { assessedOn: '2025-03-14', conclusion: 'essentially-equivalent' as const };
    expect(incomplete(engagement({ transferSafeguards: [{ ...SCC, tia: equivalent }] }))).toEqual([]);
    const later = { ...equivalent, reviewOn: '2026-06-02' };
    expect(incomplete(engagement({ transferSafeguards: [{ ...SCC, tia: later }] }))).toEqual([]);
  });

  it('reads the assessment of a transfer a treatment declares, not of safeguards stated on their own', () => {
    const tia = { assessedOn: '2025-03-14', conclusion: 'not-essentially-equivalent' as const };
    const ctx = new SnapshotIndex(
      makeSnapshot({
        subcontractors: [{ key: 'host', name: 'Offshore Ltd' }],
        engagements: [
          engagement({ processingCountries: ['FR'], transferSafeguards: [{ kind: 'scc-unspecified', tia }] }),
        ],
        treatments: [
          healthTreatment({
            uses: [{ engagement: 'e-host' }],
            transfers: [{ country: 'IN', recipient: 'Labo', safeguard: { ...SCC, tia } }],
          }),
        ],
      }),
    );
    const findings = transferTiaIncomplete.evaluate(ctx);
    expect(findings.map((f) => [f.subject.type, f.detail, f.evidence.problems])).toEqual([
      ['treatment', 'IN', ['negative']],
    ]);
    expect(findings[0].message.en).toBe(
      'Labo (IN): the assessment concludes that the destination law does not allow the safeguard to be complied with: the transfer must be suspended.',
    );
  });
});

describe('transfer.tia-missing — wording and scope', () => {
  it('words a BCR transfer to a DPF country in French and English, with its evidence and remediation', () => {
    const bcr: SafeguardDto = { kind: 'bcr' };
    const findings = missing(engagement({ processingCountries: ['US'], transferSafeguards: [bcr] }));
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ ruleId: 'transfer.tia-missing', severity: 'warning', detail: 'US' });
    expect(f.message).toEqual({
      fr: "Offshore Ltd (US) : le transfert repose sur des BCR sans analyse d'impact du transfert enregistrée (pays couvert par le DPF, mais pas ce destinataire).",
      en: 'Offshore Ltd (US): the transfer stands on BCR with no recorded transfer impact assessment (a DPF country, but not this recipient).',
    });
    expect(f.reference).toEqual({
      fr: 'RGPD art. 46 ; CJUE C-311/18 (Schrems II) ; EDPB, recommandations 01/2020',
      en: 'GDPR Art. 46; CJEU C-311/18 (Schrems II); EDPB Recommendations 01/2020',
    });
    expect(f.evidence).toEqual({
      provider: 'Offshore Ltd',
      country: 'US',
      countryName: "États-Unis d'Amérique",
      via: 'processing',
      safeguards: [bcr],
      dpfCertified: null,
      treatments: ['t'],
      source: null,
      safeguard: bcr,
      dpfCountry: true,
    });
    expect(f.remediation).toEqual({
      fr: "Réaliser (ou obtenir de l'importateur) l'analyse d'impact : droit du pays de destination, accès des autorités, mesures supplémentaires (chiffrement avec clés dans l'EEE, pseudonymisation) ; l'enregistrer (date, conclusion, mesures).",
      en: 'Carry out (or obtain from the importer) the impact assessment: destination law, public-authority access, supplementary measures (encryption with keys in the EEA, pseudonymisation); record it (date, conclusion, measures).',
    });
  });

  it('words access from any country in French', () => {
    const [f] = missing(engagement({ processingCountries: ['FR'], accessWorldwide: true }));
    expect(f.message.fr).toBe(
      "Offshore Ltd (n'importe quel pays) : le transfert repose sur des CCT sans analyse d'impact du transfert enregistrée.",
    );
  });

  it('asks no assessment of unversioned clauses stated with no third country, but of a declared transfer', () => {
    expect(
      missing(engagement({ processingCountries: ['FR'], transferSafeguards: [{ kind: 'scc-unspecified' }] })),
    ).toEqual([]);
    const ctx = new SnapshotIndex(
      makeSnapshot({
        treatments: [healthTreatment({ transfers: [{ country: 'IN', recipient: 'Labo', safeguard: SCC }] })],
      }),
    );
    const findings = transferTiaMissing.evaluate(ctx);
    expect(findings.map((f) => [f.subject, f.severity, f.detail])).toEqual([
      [{ type: 'treatment', id: 't', name: 'Dossier patient' }, 'error', 'IN'],
    ]);
    expect(findings[0].message.en).toBe(
      'Labo (IN): the transfer stands on SCC with no recorded transfer impact assessment.',
    );
  });
});
