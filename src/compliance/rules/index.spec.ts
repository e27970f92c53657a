import { SEVERITIES } from '../finding';
import { RULES } from './index';

/** Every rule of the catalog, in its order: a rule added, removed or renamed must be listed here too. */
const EXPECTED_IDS = [
  'register.missing-field',
  'register.retention-missing',
  'register.security-measures-missing',
  'register.legal-basis-missing',
  'register.retention-patient-record',
  'dpia.missing',
  'dpia.review-due',
  'transfer.safeguard-missing',
  'transfer.scc-outdated',
  'transfer.scc-version-unknown',
  'transfer.location-unknown',
  'transfer.tia-missing',
  'transfer.tia-incomplete',
  'certificate.expired',
  'certificate.expiring',
  'certificate.evidence-missing',
  'certificate.edition-withdrawn',
  'certificate.holder-differs',
  'hds.certification-missing',
  'hds.activity-gap',
  'hds.activity-unassigned',
  'hds.scope-unknown',
  'hds.referential-outdated',
  'hds.data-location',
  'hds.extraterritorial-exposure',
  'dpa.missing',
  'subprocessor.authorisation-missing',
  'subprocessor.objection-window',
  'subprocessor.list-stale',
  'breach.processor-window-too-long',
  'breach.notification-late',
  'breach.content-incomplete',
];

describe('rule catalog', () => {
  it('holds exactly the expected rules, in order', () => {
    expect(RULES.map((r) => r.id)).toEqual(EXPECTED_IDS);
  });

  it('gives every rule a distinct id, of the form family.name', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+\.[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it.each(RULES.map((r) => [r.id, r] as const))(
    '%s has a severity, a legal reference and texts in French and English',
    (_id, rule) => {
      expect(SEVERITIES).toContain(rule.severity);
      for (const text of [rule.title, rule.reference, rule.description]) {
        expect(text.fr.trim()).not.toBe('');
        expect(text.en.trim()).not.toBe('');
      }
      // A reference names a text and an article or section (RGPD art. 30(1), CSP L1111-8, HDS …).
      expect(rule.reference.fr).toMatch(/\d/);
      expect(rule.reference.en).toMatch(/\d/);
      expect(typeof rule.evaluate).toBe('function');
    },
  );
});
