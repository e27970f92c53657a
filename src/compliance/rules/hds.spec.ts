import type { HdsActivityCode } from '../../reference/hds-activities';
import type { CreateCertificateDto } from '../../subcontractors/certificate.dto';
import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import type { CreateSubcontractorDto } from '../../subcontractors/subcontractor.dto';
import { ORGANISATION_HOLDER, SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Engagement, Guarantee } from '../../snapshot/snapshot';
import { healthTreatment, makeSnapshot, SnapshotParts } from '../testing';
import {
  activityNumbers,
  carriesHealthData,
  claimedReferential,
  coverage,
  coveringCertificate,
  describeActivities,
  hdsClaims,
  healthChains,
  isHdsHost,
  STORAGE_ACTIVITIES,
  validHdsCertificates,
} from './hds';

const HOST: CreateSubcontractorDto = { key: 'host', name: 'Hébergeur', country: 'FR' };
const SUB: CreateSubcontractorDto = { key: 'sub', name: 'Sauvegardes', country: 'FR' };

function hdsCert(overrides: Partial<CreateCertificateDto> = {}): CreateCertificateDto {
  return {
    key: 'hds-host',
    subcontractor: 'host',
    kind: 'hds',
    hdsActivities: ['virtual-infrastructure'],
    validFrom: '2025-01-01',
    validTo: '2027-12-31',
    ...overrides,
  };
}

function index(parts: SnapshotParts = {}): SnapshotIndex {
  return new SnapshotIndex(
    makeSnapshot({
      subcontractors: [HOST, SUB],
      treatments: [healthTreatment({ uses: [{ engagement: 'e-host' }] })],
      ...parts,
    }),
  );
}

function engagementOf(ctx: SnapshotIndex, key: string): Engagement {
  const e = ctx.engagement(key);
  if (!e) throw new Error(`no engagement ${key}`);
  return e;
}

const guarantee = (g: Partial<Guarantee> & Pick<Guarantee, 'kind'>): Guarantee => ({ text: '', ...g });

describe('hds helpers', () => {
  describe('validHdsCertificates', () => {
    it('keeps the HDS certificates of a holder valid on the date asked, per holder', () => {
      const ctx = index({
        certificates: [
          hdsCert(),
          hdsCert({ key: 'old', validFrom: '2020-01-01', validTo: '2022-12-31' }),
          hdsCert({ key: 'iso', kind: 'iso-27001' }),
          hdsCert({ key: 'sub-old', subcontractor: 'sub', validFrom: '2020-01-01', validTo: '2022-12-31' }),
        ],
      });
      expect(validHdsCertificates(ctx, 'host').map((c) => c.key)).toEqual(['hds-host']);
      // Another holder is its own answer, not the first one's.
      expect(validHdsCertificates(ctx, 'sub')).toEqual([]);
      expect(validHdsCertificates(ctx, 'host').map((c) => c.key)).toEqual(['hds-host']);
    });
  });

  describe('hdsClaims', () => {
    it('keeps the HDS and agrément claims of a holder only', () => {
      const ctx = index({
        subcontractors: [
          {
            ...HOST,
            guarantees: [
              { kind: 'hds', text: 'Certifié HDS' },
              { kind: 'iso-27001', text: 'ISO 27001' },
              { kind: 'hds-agrement', text: 'Agréé HADS' },
              { kind: 'contract', text: 'DPA' },
            ],
          },
          SUB,
        ],
      });
      expect(hdsClaims(ctx, 'host').map((g) => g.text)).toEqual(['Certifié HDS', 'Agréé HADS']);
      expect(hdsClaims(ctx, 'sub')).toEqual([]);
    });
  });

  describe('claimedReferential', () => {
    it('reads the référentiel from the words of an HDS claim', () => {
      expect(claimedReferential(guarantee({ kind: 'hds', text: 'Certifié HDS v2' }))).toBe('v2');
      expect(claimedReferential(guarantee({ kind: 'hds', text: 'Certifié HDS V.2' }))).toBe('v2');
      expect(claimedReferential(guarantee({ kind: 'hds', text: 'référentiel 2024' }))).toBe('v2');
      expect(claimedReferential(guarantee({ kind: 'hds', text: 'Certifié HDS 2018' }))).toBe('2018');
      expect(claimedReferential(guarantee({ kind: 'hds', text: 'Certifié HDS' }))).toBeUndefined();
    });

    it('prefers the recorded référentiel to the words', () => {
      expect(claimedReferential(guarantee({ kind: 'hds', text: 'Certifié HDS v2', hdsReferential: '2018' }))).toBe(
        '2018',
      );
      expect(claimedReferential(guarantee({ kind: 'hds', text: 'Certifié HDS', hdsReferential: 'v2' }))).toBe('v2');
    });

    it('names no référentiel for an agrément or another claim', () => {
      expect(claimedReferential(guarantee({ kind: 'hds-agrement', text: 'Agrément 2018' }))).toBeUndefined();
      expect(
        claimedReferential(guarantee({ kind: 'hds-agrement', text: 'Agrément', hdsReferential: 'v2' })),
      ).toBeUndefined();
      expect(claimedReferential(guarantee({ kind: 'iso-27001', text: 'ISO 2018' }))).toBeUndefined();
    });
  });

  describe('coveringCertificate', () => {
    const SUB_ENGAGEMENT: CreateEngagementDto = {
      key: 'e-sub',
      provider: 'sub',
      client: 'host',
      hdsActivities: ['backup'],
      coveredByCertificate: 'hds-host',
    };
    const cover = (certificates: CreateCertificateDto[], e: CreateEngagementDto, asOf = '2026-06-01') => {
      const ctx = index({ asOf, certificates, engagements: [{ key: 'e-host', provider: 'host' }, e] });
      return coveringCertificate(ctx, engagementOf(ctx, e.key))?.key;
    };

    it('is the valid certificate of the client that the engagement names', () => {
      expect(cover([hdsCert()], SUB_ENGAGEMENT)).toBe('hds-host');
    });

    it('is none when the engagement names none, or a certificate not on file', () => {
      expect(cover([hdsCert()], { ...SUB_ENGAGEMENT, coveredByCertificate: undefined })).toBeUndefined();
      expect(cover([hdsCert()], { ...SUB_ENGAGEMENT, coveredByCertificate: 'nowhere' })).toBeUndefined();
    });

    it('is none when the certificate is held by someone other than the actor above', () => {
      expect(cover([hdsCert({ subcontractor: 'sub' })], SUB_ENGAGEMENT)).toBeUndefined();
      // A direct provider is covered by the organisation's own certificate, not a provider's.
      const direct: CreateEngagementDto = { ...SUB_ENGAGEMENT, client: undefined };
      expect(cover([hdsCert()], direct)).toBeUndefined();
      expect(cover([hdsCert({ subcontractor: undefined })], direct)).toBe('hds-host');
    });

    it('is none when the certificate is not valid on the date asked', () => {
      expect(cover([hdsCert()], SUB_ENGAGEMENT, '2027-12-31')).toBe('hds-host');
      expect(cover([hdsCert()], SUB_ENGAGEMENT, '2028-01-01')).toBeUndefined();
    });
  });

  describe('coverage', () => {
    const at = (parts: SnapshotParts, engagement: string | undefined, holder: string, activity: HdsActivityCode) => {
      const ctx = index(parts);
      return coverage(ctx, { holder, engagement: engagement ? engagementOf(ctx, engagement) : undefined }, activity);
    };
    const HOST_E: CreateEngagementDto = { key: 'e-host', provider: 'host', hdsActivities: ['virtual-infrastructure'] };

    it('is covered by a valid certificate listing the activity, uncovered otherwise', () => {
      const parts = { engagements: [HOST_E], certificates: [hdsCert()] };
      expect(at(parts, 'e-host', 'host', 'virtual-infrastructure')).toBe('covered');
      expect(at(parts, 'e-host', 'host', 'backup')).toBe('uncovered');
      expect(at({ engagements: [HOST_E] }, 'e-host', 'host', 'virtual-infrastructure')).toBe('uncovered');
    });

    it('tells activities, holders and engagements apart within one evaluation', () => {
      const ctx = index({
        engagements: [HOST_E, { key: 'e-sub', provider: 'sub', hdsActivities: ['backup'] }],
        certificates: [hdsCert()],
      });
      const host = { holder: 'host', engagement: engagementOf(ctx, 'e-host') };
      expect(coverage(ctx, host, 'virtual-infrastructure')).toBe('covered');
      expect(coverage(ctx, host, 'backup')).toBe('uncovered');
      expect(coverage(ctx, { holder: 'sub', engagement: engagementOf(ctx, 'e-host') }, 'virtual-infrastructure')).toBe(
        'uncovered',
      );
    });

    it('tells two engagements of one holder apart by the services their certificates cover', () => {
      const ctx = index({
        engagements: [
          { key: 'e-cloud', provider: 'host', services: ['Cloud Santé'] },
          { key: 'e-mail', provider: 'host', services: ['Messagerie'] },
        ],
        certificates: [hdsCert({ services: ['Cloud Santé'] })],
      });
      expect(
        coverage(ctx, { holder: 'host', engagement: engagementOf(ctx, 'e-cloud') }, 'virtual-infrastructure'),
      ).toBe('covered');
      expect(coverage(ctx, { holder: 'host', engagement: engagementOf(ctx, 'e-mail') }, 'virtual-infrastructure')).toBe(
        'uncovered',
      );
    });

    it('is unknown when a valid certificate applying has no recorded activities', () => {
      const parts = { engagements: [HOST_E], certificates: [hdsCert({ hdsActivities: undefined })] };
      expect(at(parts, 'e-host', 'host', 'virtual-infrastructure')).toBe('unknown');
      // An empty list is a recorded scope: nothing is covered.
      const empty = { engagements: [HOST_E], certificates: [hdsCert({ hdsActivities: [] })] };
      expect(at(empty, 'e-host', 'host', 'virtual-infrastructure')).toBe('uncovered');
    });

    it('prefers covered to unknown when both kinds of certificates are on file', () => {
      const parts = {
        engagements: [HOST_E],
        certificates: [hdsCert({ key: 'a', hdsActivities: undefined }), hdsCert({ key: 'b' })],
      };
      expect(at(parts, 'e-host', 'host', 'virtual-infrastructure')).toBe('covered');
    });

    it('ignores expired certificates and certificates of another kind', () => {
      const expired = hdsCert({ validFrom: '2020-01-01', validTo: '2023-12-31' });
      expect(at({ engagements: [HOST_E], certificates: [expired] }, 'e-host', 'host', 'virtual-infrastructure')).toBe(
        'uncovered',
      );
      const iso = hdsCert({ kind: 'iso-27001', hdsActivities: undefined });
      expect(at({ engagements: [HOST_E], certificates: [iso] }, 'e-host', 'host', 'virtual-infrastructure')).toBe(
        'uncovered',
      );
    });

    it("counts the organisation's own certificates for the organisation as performer", () => {
      const own = hdsCert({ subcontractor: undefined, hdsActivities: ['backup'] });
      expect(at({ certificates: [own] }, undefined, ORGANISATION_HOLDER, 'backup')).toBe('covered');
      expect(at({ certificates: [own] }, undefined, ORGANISATION_HOLDER, 'hardware')).toBe('uncovered');
    });

    describe('with a certificate scoped to services', () => {
      const scoped = (services: string[] | undefined, engagement: Partial<CreateEngagementDto>) =>
        at(
          {
            engagements: [{ key: 'e-host', provider: 'host', ...engagement }],
            certificates: [hdsCert({ services })],
          },
          'e-host',
          'host',
          'virtual-infrastructure',
        );

      it('applies to the services of the engagement it names, whatever case, accents and spaces', () => {
        expect(scoped(['Hébergement  Santé'], { services: [' hebergement santé '] })).toBe('covered');
        expect(scoped(['HEBERGEMENT SANTE'], { services: ['Hébergement Santé'] })).toBe('covered');
        expect(scoped(['Hébergement Santé'], { services: ['Messagerie'] })).toBe('uncovered');
      });

      it('applies when one name contains the other, either way', () => {
        expect(scoped(['Cloud'], { services: ['Cloud Santé Pro'] })).toBe('covered');
        expect(scoped(['Cloud Santé Pro'], { services: ['Cloud'] })).toBe('covered');
      });

      it('applies to any engagement when it or the engagement lists no services', () => {
        expect(scoped(undefined, { services: ['Messagerie'] })).toBe('covered');
        expect(scoped([], { services: ['Messagerie'] })).toBe('covered');
        expect(scoped(['Cloud'], {})).toBe('covered');
      });

      it('looks at the services whose scope names the activity first', () => {
        const serviceScopes = [
          { service: 'Cloud', hdsActivities: ['virtual-infrastructure' as const] },
          { service: 'Messagerie', hdsActivities: ['backup' as const] },
        ];
        expect(scoped(['Cloud'], { services: ['Messagerie'], serviceScopes })).toBe('covered');
        expect(scoped(['Messagerie'], { services: ['Cloud'], serviceScopes })).toBe('uncovered');
      });

      it('else looks at every service the engagement names, in its list and in its scopes', () => {
        const serviceScopes = [{ service: 'Messagerie', hdsActivities: ['backup' as const] }];
        expect(scoped(['Messagerie'], { services: ['Agenda'], serviceScopes })).toBe('covered');
        expect(scoped(['Agenda'], { services: ['Agenda'], serviceScopes })).toBe('covered');
        expect(scoped(['Cloud'], { services: ['Agenda'], serviceScopes })).toBe('uncovered');
        expect(scoped(['Messagerie'], { serviceScopes: [{ service: 'Messagerie' }] })).toBe('covered');
      });
    });

    describe('through the certificate of the actor above', () => {
      const chain = (certificates: CreateCertificateDto[], activity: HdsActivityCode = 'backup') =>
        at(
          {
            engagements: [
              { key: 'e-host', provider: 'host' },
              { key: 'e-sub', provider: 'sub', client: 'host', hdsActivities: ['backup'], coveredByCertificate: 'c' },
            ],
            certificates,
          },
          'e-sub',
          'sub',
          activity,
        );

      it('counts the HDS certificate the engagement names', () => {
        expect(chain([hdsCert({ key: 'c', hdsActivities: ['backup'] })])).toBe('covered');
        expect(chain([hdsCert({ key: 'c', kind: 'hds-agrement', hdsActivities: ['backup'] })])).toBe('covered');
        expect(chain([hdsCert({ key: 'c', hdsActivities: ['hardware'] })])).toBe('uncovered');
        expect(chain([hdsCert({ key: 'c', hdsActivities: undefined })])).toBe('unknown');
      });

      it('does not count a covering certificate of another kind', () => {
        expect(chain([hdsCert({ key: 'c', kind: 'iso-27001', hdsActivities: ['backup'] })])).toBe('uncovered');
        expect(chain([hdsCert({ key: 'c', kind: 'iso-27001', hdsActivities: undefined })])).toBe('uncovered');
      });
    });
  });

  describe('carriesHealthData', () => {
    const carries = (e: Partial<CreateEngagementDto>) => {
      const ctx = index({ engagements: [{ key: 'e', provider: 'host', ...e }] });
      return carriesHealthData(engagementOf(ctx, 'e'));
    };

    it('is false only when the contract says so, for the engagement or for every service', () => {
      expect(carries({})).toBe(true);
      expect(carries({ healthData: true })).toBe(true);
      expect(carries({ healthData: false })).toBe(false);
      expect(carries({ serviceScopes: [] })).toBe(true);
      expect(
        carries({
          serviceScopes: [
            { service: 'a', healthData: false },
            { service: 'b', healthData: false },
          ],
        }),
      ).toBe(false);
      expect(
        carries({
          serviceScopes: [{ service: 'a', healthData: false }, { service: 'b' }],
        }),
      ).toBe(true);
      expect(carries({ healthData: true, serviceScopes: [{ service: 'a', healthData: false }] })).toBe(true);
    });
  });

  describe('isHdsHost', () => {
    const host = (e: Partial<CreateEngagementDto>, parts: SnapshotParts = {}) => {
      const ctx = index({ engagements: [{ key: 'e', provider: 'host', ...e }], ...parts });
      return isHdsHost(ctx, engagementOf(ctx, 'e'));
    };
    const claiming = (kind: 'hds' | 'hds-agrement' | 'iso-27001') => ({
      subcontractors: [{ ...HOST, guarantees: [{ kind, text: 'Certifié' }] }],
    });

    it('is a provider performing HDS activities, or one the contract says receives health data', () => {
      expect(host({})).toBe(false);
      expect(host({ hdsActivities: ['backup'] })).toBe(true);
      expect(host({ serviceScopes: [{ service: 's', hdsActivities: ['backup'] }] })).toBe(true);
      expect(host({ healthData: true })).toBe(true);
    });

    it('is a provider claiming HDS or holding an HDS certificate, even an ended one', () => {
      expect(host({}, claiming('hds'))).toBe(true);
      expect(host({}, claiming('hds-agrement'))).toBe(true);
      expect(host({}, claiming('iso-27001'))).toBe(false);
      expect(host({}, { certificates: [hdsCert({ validFrom: '2019-01-01', validTo: '2021-12-31' })] })).toBe(true);
      expect(host({}, { certificates: [hdsCert({ kind: 'iso-27001' })] })).toBe(false);
      expect(host({}, { certificates: [hdsCert({ subcontractor: 'sub' })] })).toBe(false);
    });

    it('is never a provider the contract says receives no health data', () => {
      expect(host({ healthData: false, hdsActivities: ['backup'] }, claiming('hds'))).toBe(false);
      expect(host({ serviceScopes: [{ service: 's', healthData: false, hdsActivities: ['backup'] }] })).toBe(false);
    });
  });

  describe('healthChains', () => {
    it('lists the treatments in use holding health data, with their chains and performers', () => {
      const ctx = index({
        engagements: [
          { key: 'e-host', provider: 'host', hdsActivities: ['virtual-infrastructure', 'backup'] },
          { key: 'e-sub', provider: 'sub', client: 'host', hdsActivities: ['backup'] },
          { key: 'e-mail', provider: 'sub', client: 'host', healthData: false, hdsActivities: ['hardware'] },
        ],
        treatments: [
          healthTreatment({ key: 't1', uses: [{ engagement: 'e-host' }] }),
          healthTreatment({
            key: 'payroll',
            dataCategories: [{ category: 'identity', label: 'Identité', retention: '5 ans' }],
            uses: [{ engagement: 'e-host' }],
          }),
          healthTreatment({ key: 'old', status: 'retired', uses: [{ engagement: 'e-host' }] }),
        ],
      });
      const chains = healthChains(ctx);
      expect(chains.map((c) => c.treatment.key)).toEqual(['t1']);
      const [{ chain, performers }] = chains;
      expect(chain.map((e) => e.key)).toEqual(['e-host', 'e-sub']);
      expect([...performers.keys()]).toEqual(['virtual-infrastructure', 'backup']);
      expect(performers.get('virtual-infrastructure')?.map((p) => [p.holder, p.engagement?.key])).toEqual([
        ['host', 'e-host'],
      ]);
      expect(performers.get('backup')?.map((p) => [p.holder, p.engagement?.key])).toEqual([
        ['host', 'e-host'],
        ['sub', 'e-sub'],
      ]);
      expect(performers.has('hardware')).toBe(false);
    });

    it('counts a treatment holding health data by the flag of a category', () => {
      const ctx = index({
        engagements: [{ key: 'e-host', provider: 'host' }],
        treatments: [
          healthTreatment({
            dataCategories: [{ category: 'other', label: 'Bilans', health: true, retention: '20 ans' }],
            uses: [{ engagement: 'e-host' }],
          }),
        ],
      });
      expect(healthChains(ctx).map((c) => c.treatment.key)).toEqual(['t']);
    });

    it('adds the organisation for what it does in-house only when it processes for its clients', () => {
      const engagements: CreateEngagementDto[] = [{ key: 'e-host', provider: 'host', hdsActivities: ['backup'] }];
      const processor = index({
        engagements,
        treatments: [
          healthTreatment({
            role: 'processor',
            controllers: [{ name: 'Cabinets' }],
            hdsActivitiesInHouse: ['administration-operation', 'backup'],
            uses: [{ engagement: 'e-host' }],
          }),
        ],
      });
      const [{ performers }] = healthChains(processor);
      expect(performers.get('administration-operation')).toEqual([{ holder: ORGANISATION_HOLDER }]);
      expect(performers.get('backup')?.map((p) => p.holder)).toEqual(['host', ORGANISATION_HOLDER]);

      const controller = index({
        engagements,
        treatments: [
          healthTreatment({ hdsActivitiesInHouse: ['administration-operation'], uses: [{ engagement: 'e-host' }] }),
        ],
      });
      expect([...healthChains(controller)[0].performers.keys()]).toEqual(['backup']);
    });
  });

  describe('describeActivities and activityNumbers', () => {
    const codes: HdsActivityCode[] = ['backup', 'hardware', 'backup', 'physical-sites'];

    it('names activities by official number, in order, in both languages', () => {
      expect(describeActivities(codes, 'fr')).toBe(
        'n° 1 Sites physiques, n° 2 Infrastructure matérielle, n° 6 Sauvegarde externalisée',
      );
      expect(describeActivities(codes, 'en')).toBe(
        'no. 1 Physical sites, no. 2 Hardware infrastructure, no. 6 Outsourced backup',
      );
      expect(describeActivities([], 'fr')).toBe('');
    });

    it('lists codes with their numbers, in order, once each', () => {
      expect(activityNumbers(codes)).toEqual([
        { code: 'physical-sites', number: 1 },
        { code: 'hardware', number: 2 },
        { code: 'backup', number: 6 },
      ]);
    });
  });

  it('counts every activity but administration as storage', () => {
    expect([...STORAGE_ACTIVITIES]).toEqual([
      'physical-sites',
      'hardware',
      'virtual-infrastructure',
      'application-platform',
      'backup',
    ]);
  });
});
