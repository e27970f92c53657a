import type { Finding } from '../compliance/finding';
import type { ComplianceSnapshot, SubjectRef } from '../snapshot/snapshot';
import { fieldId } from './forms/form';

/** Where a record is shown. */
export function subjectHref(
  base: string,
  subject: Pick<SubjectRef, 'type' | 'id'>,
  snapshot?: ComplianceSnapshot,
): string {
  const key = encodeURIComponent(subject.id);
  switch (subject.type) {
    case 'organisation':
      return `${base}/settings`;
    case 'treatment':
      return `${base}/register/${key}`;
    case 'subcontractor':
      return `${base}/subcontractors/${key}`;
    case 'certificate': {
      const holder = snapshot?.certificates.find((c) => c.key === subject.id)?.subcontractor;
      return holder ? `${base}/subcontractors/${encodeURIComponent(holder)}#cert-${key}` : `${base}/subcontractors`;
    }
    case 'engagement': {
      const provider = snapshot?.engagements.find((e) => e.key === subject.id)?.provider;
      return provider ? `${base}/subcontractors/${encodeURIComponent(provider)}#eng-${key}` : `${base}/subcontractors`;
    }
    case 'breach':
      return `${base}/breaches/${key}`;
    case 'subprocessor-change':
      return `${base}/changes#change-${key}`;
  }
}

const EDIT: Record<SubjectRef['type'], (key: string) => string> = {
  organisation: () => '/settings/edit',
  treatment: (k) => `/register/${k}/edit`,
  subcontractor: (k) => `/subcontractors/${k}/edit`,
  certificate: (k) => `/certificates/${k}/edit`,
  engagement: (k) => `/engagements/${k}/edit`,
  breach: (k) => `/breaches/${k}/edit`,
  'subprocessor-change': (k) => `/changes/${k}/edit`,
};

/** The field a rule's finding is corrected in, so "fix it" opens the form at that field. */
const FIELD_OF_RULE: Record<string, string> = {
  'register.retention-missing': 'retention',
  'register.legal-basis-missing': 'legalBasis.article6',
  'register.security-measures-missing': 'securityMeasures',
  'dpa.missing': 'dpaSignedOn',
  'transfer.location-unknown': 'processingCountries',
  'hds.scope-unknown': 'hdsActivities',
  'hds.activity-unassigned': 'hdsActivities',
  'breach.processor-window-too-long': 'breachNoticeHours',
  'subprocessor.authorisation-missing': 'authorisation',
  'subprocessor.objection-window': 'objection.at',
  'certificate.expired': 'validTo',
  'certificate.expiring': 'validTo',
  'certificate.edition-withdrawn': 'edition',
  'hds.referential-outdated': 'hdsReferential',
  'breach.content-incomplete': 'nature',
  'breach.notification-late': 'notifications',
};

/**
 * The form that corrects a finding, opened at the field concerned. A missing certificate is fixed by
 * recording one: the "new certificate" form of the subcontractor.
 */
export function fixHref(base: string, finding: Finding): string {
  const key = encodeURIComponent(finding.subject.id);
  if (finding.subject.type === 'subcontractor' && /^(certificate|hds)\./.test(finding.ruleId)) {
    return `${base}/subcontractors/${key}/certificates/new`;
  }
  let field = FIELD_OF_RULE[finding.ruleId];
  if (finding.ruleId === 'register.missing-field' && typeof finding.evidence.field === 'string') {
    field = finding.evidence.field;
    if (finding.subject.type === 'organisation' && ['contact', 'dpo'].includes(field)) field = `${field}.name`;
  }
  if (finding.ruleId.startsWith('transfer.') && finding.subject.type === 'engagement' && !field) {
    field = 'transferSafeguards';
  }
  if (finding.ruleId.startsWith('transfer.') && finding.subject.type === 'treatment') field = 'transfers';
  return `${base}${EDIT[finding.subject.type](key)}${field ? `#${fieldId(field)}` : ''}`;
}
