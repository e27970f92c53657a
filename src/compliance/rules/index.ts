import { breachContentIncomplete } from './breach-content-incomplete.rule';
import { breachNotificationLate } from './breach-notification-late.rule';
import { breachProcessorWindowTooLong } from './breach-processor-window.rule';
import { certificateEditionWithdrawn } from './certificate-edition-withdrawn.rule';
import { certificateEvidenceMissing } from './certificate-evidence-missing.rule';
import { certificateExpired } from './certificate-expired.rule';
import { certificateExpiring } from './certificate-expiring.rule';
import { dpaMissing } from './dpa-missing.rule';
import { hdsActivityGap } from './hds-activity-gap.rule';
import { hdsActivityUnassigned } from './hds-activity-unassigned.rule';
import { hdsCertificationMissing } from './hds-certification-missing.rule';
import { hdsDataLocation } from './hds-data-location.rule';
import { hdsExtraterritorialExposure } from './hds-extraterritorial-exposure.rule';
import { hdsReferentialOutdated } from './hds-referential-outdated.rule';
import { hdsScopeUnknown } from './hds-scope-unknown.rule';
import { registerLegalBasisMissing } from './register-legal-basis-missing.rule';
import { registerMissingField } from './register-missing-field.rule';
import { registerRetentionMissing } from './register-retention-missing.rule';
import { registerSecurityMeasuresMissing } from './register-security-measures-missing.rule';
import type { Rule } from './rule';
import { certificateHolderDiffers } from './certificate-holder-differs.rule';
import { dpiaMissing } from './dpia-missing.rule';
import { dpiaReviewDue } from './dpia-review-due.rule';
import { registerRetentionPatientRecord } from './register-retention-patient-record.rule';
import { subprocessorListStale } from './subprocessor-list-stale.rule';
import { transferTiaIncomplete } from './transfer-tia-incomplete.rule';
import { transferTiaMissing } from './transfer-tia-missing.rule';
import { subprocessorAuthorisationMissing } from './subprocessor-authorisation-missing.rule';
import { subprocessorObjectionWindow } from './subprocessor-objection-window.rule';
import { transferLocationUnknown } from './transfer-location-unknown.rule';
import { transferSafeguardMissing } from './transfer-safeguard-missing.rule';
import { transferSccOutdated } from './transfer-scc-outdated.rule';
import { transferSccVersionUnknown } from './transfer-scc-version-unknown.rule';

/** The rule catalog, in the order the catalog and reports list it. */
export const RULES: readonly Rule[] = [
  registerMissingField,
  registerRetentionMissing,
  registerSecurityMeasuresMissing,
  registerLegalBasisMissing,
  registerRetentionPatientRecord,
  dpiaMissing,
  dpiaReviewDue,
  transferSafeguardMissing,
  transferSccOutdated,
  transferSccVersionUnknown,
  transferLocationUnknown,
  transferTiaMissing,
  transferTiaIncomplete,
  certificateExpired,
  certificateExpiring,
  certificateEvidenceMissing,
  certificateEditionWithdrawn,
  certificateHolderDiffers,
  hdsCertificationMissing,
  hdsActivityGap,
  hdsActivityUnassigned,
  hdsScopeUnknown,
  hdsReferentialOutdated,
  hdsDataLocation,
  hdsExtraterritorialExposure,
  dpaMissing,
  subprocessorAuthorisationMissing,
  subprocessorObjectionWindow,
  subprocessorListStale,
  breachProcessorWindowTooLong,
  breachNotificationLate,
  breachContentIncomplete,
];
