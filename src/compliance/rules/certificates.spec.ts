import type { CreateCertificateDto } from '../../subcontractors/certificate.dto';
import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot, SnapshotParts } from '../testing';
import { reliedCertificates } from './certificates';

const ENGAGEMENTS: CreateEngagementDto[] = [
  { key: 'e-host', provider: 'host' },
  { key: 'e-sub', provider: 'sub', client: 'host' },
  { key: 'e-idle', provider: 'idle' },
];

function relied(certificates: CreateCertificateDto[], parts: SnapshotParts = {}) {
  return reliedCertificates(
    new SnapshotIndex(
      makeSnapshot({
        subcontractors: [
          { key: 'host', name: 'Hébergeur' },
          { key: 'sub', name: 'Sauvegardes' },
          { key: 'idle', name: 'Inutilisé' },
        ],
        engagements: ENGAGEMENTS,
        certificates,
        treatments: [
          healthTreatment({ key: 't1', uses: [{ engagement: 'e-host' }] }),
          healthTreatment({ key: 't2', uses: [{ engagement: 'e-host' }] }),
          healthTreatment({ key: 'old', status: 'retired', uses: [{ engagement: 'e-idle' }] }),
        ],
        ...parts,
      }),
    ),
  );
}

const cert = (key: string, overrides: Partial<CreateCertificateDto> = {}): CreateCertificateDto => ({
  key,
  subcontractor: 'host',
  kind: 'iso-27001',
  edition: 'ISO/IEC 27001:2022',
  validFrom: '2023-01-01',
  validTo: '2026-06-30',
  ...overrides,
});

/** Each relied certificate with the treatments relying on it and its renewal, if any. */
const summary = (certificates: CreateCertificateDto[], parts: SnapshotParts = {}) =>
  relied(certificates, parts).map((r) => [r.certificate.key, r.treatments.map((t) => t.key), r.supersededBy?.key]);

describe('reliedCertificates', () => {
  it('lists the certificates of providers anywhere in the chain of a treatment in use, with those treatments', () => {
    expect(
      summary([cert('host'), cert('sub', { subcontractor: 'sub' }), cert('idle', { subcontractor: 'idle' })]),
    ).toEqual([
      ['host', ['t1', 't2'], undefined],
      ['sub', ['t1', 't2'], undefined],
    ]);
  });

  it('lists a holder engaged several times with each treatment once, in the order of the register', () => {
    const parts: SnapshotParts = {
      engagements: [...ENGAGEMENTS, { key: 'e-host-2', provider: 'host' }],
      treatments: [
        healthTreatment({ key: 'ta', uses: [{ engagement: 'e-host-2' }] }),
        healthTreatment({ key: 'tb', uses: [{ engagement: 'e-host' }] }),
        healthTreatment({ key: 'tc', uses: [{ engagement: 'e-host' }, { engagement: 'e-host-2' }] }),
        healthTreatment({ key: 'td', uses: [{ engagement: 'e-host-2' }] }),
        healthTreatment({ key: 'gone', status: 'retired', uses: [{ engagement: 'e-host' }] }),
      ],
    };
    expect(summary([cert('host'), cert('host-2')], parts)).toEqual([
      ['host', ['ta', 'tb', 'tc', 'td'], undefined],
      ['host-2', ['ta', 'tb', 'tc', 'td'], undefined],
    ]);
    // The host's sub-processor serves both of its engagements.
    expect(summary([cert('sub', { subcontractor: 'sub' })], parts)).toEqual([
      ['sub', ['ta', 'tb', 'tc', 'td'], undefined],
    ]);
  });

  it("lists the organisation's own certificates for every treatment in use, and none when none is in use", () => {
    const own = cert('own', { subcontractor: undefined });
    expect(summary([own])).toEqual([['own', ['t1', 't2'], undefined]]);
    expect(summary([own], { treatments: [healthTreatment({ status: 'retired' })] })).toEqual([]);
  });

  it('names a renewal of the same holder and family that starts by the day after the end', () => {
    const renewal = cert('renewal', { validFrom: '2026-07-01', validTo: '2029-06-30' });
    expect(summary([cert('old'), renewal])).toEqual([
      ['old', ['t1', 't2'], 'renewal'],
      ['renewal', ['t1', 't2'], undefined],
    ]);
    // With no start recorded, it still follows on.
    expect(summary([cert('old'), cert('renewal', { validFrom: undefined, validTo: '2029-06-30' })])[0][2]).toBe(
      'renewal',
    );
  });

  it('names no renewal that starts later than the day after the end', () => {
    const late = cert('late', { validFrom: '2026-07-02', validTo: '2029-06-30' });
    expect(summary([cert('old'), late])[0][2]).toBeUndefined();
  });

  it('names no renewal that does not end later', () => {
    expect(summary([cert('old'), cert('same', { validFrom: '2023-06-01' })])[0][2]).toBeUndefined();
    expect(summary([cert('old'), cert('shorter', { validTo: '2026-06-29' })])[0][2]).toBeUndefined();
  });

  it('names no renewal that has ended on the date asked, and one that ends that very day', () => {
    const ended = cert('ended', { validFrom: '2025-01-01', validTo: '2026-05-31' });
    expect(summary([cert('old', { validTo: '2024-12-31' }), ended])[0][2]).toBeUndefined();
    const lastDay = cert('last', { validFrom: '2025-01-01', validTo: '2026-06-01' });
    expect(summary([cert('old', { validTo: '2024-12-31' }), lastDay])[0][2]).toBe('last');
  });

  it('names no renewal of another family or another holder', () => {
    const hds = cert('hds', { kind: 'hds', edition: undefined, validFrom: '2026-01-01', validTo: '2029-06-30' });
    expect(summary([cert('old'), hds])[0][2]).toBeUndefined();
    const other = cert('other', { subcontractor: 'sub', validTo: '2029-06-30' });
    expect(summary([cert('old'), other])[0][2]).toBeUndefined();
  });

  it('counts an HDS certificate as the renewal of an HDS agrément (one family)', () => {
    const agrement = cert('agr', {
      kind: 'hds-agrement',
      edition: undefined,
      validFrom: '2023-06-01',
      validTo: undefined,
    });
    const hds = cert('hds', { kind: 'hds', edition: undefined, validFrom: '2026-01-01', validTo: '2029-06-30' });
    expect(summary([agrement, hds])[0][2]).toBe('hds');
  });

  it('names a certificate valid on the date asked as the renewal of one whose end is unknown', () => {
    const undated = cert('undated', { validTo: undefined });
    expect(summary([undated, cert('valid')])[0][2]).toBe('valid');
    expect(
      summary([undated, cert('future', { validFrom: '2026-06-02', validTo: '2029-06-30' })])[0][2],
    ).toBeUndefined();
    expect(summary([undated, cert('undated-2', { validTo: undefined })])[0][2]).toBeUndefined();
  });
});
