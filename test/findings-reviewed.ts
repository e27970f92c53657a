/**
 * Findings on the four seeds as of 2026-06-01, each reviewed against the seed documents (see
 * docs/compliance.md, "Seed review"). A change in a rule or a seed that alters this list must be
 * reviewed again, finding by finding, before this list is updated; a comment gives the reason of each
 * finding that changed with issue 13 (legal depth).
 */
export const REVIEWED: Record<string, string[]> = {
  desmos: [
    'register.missing-field:organisation:desmos:contact',
    'register.missing-field:organisation:desmos:dpo',
    'register.missing-field:treatment:t-acces-locaux:recipients',
    'certificate.expired:certificate:aws-iso27001-2013-009',
    // Added: issue 13 item 6, LEGAL.md §7d: as processor, Orisha administers and operates the servers and runs the backups of its clients' health data (§3, §3.3 — the seed now records hdsActivitiesInHouse 5, 6 on t-hebergement); no HDS certificate of Orisha itself is cited (§8).
    'hds.certification-missing:organisation:desmos',
    // Added: item 2: AWS is only claimed HDS (« Certifié HADS », §7.4; « HDS - Hébergeur certifié », §8): a claim is no certificate.
    'hds.certification-missing:subcontractor:aws',
    // Added: item 2: Claranet is only claimed HDS (« Certifié HADS », §7.4; « Hébergeur agréé », §8).
    'hds.certification-missing:subcontractor:claranet',
    // Added: items 2 and 6: no recorded HDS certificate covers activities 5 and 6 that Orisha performs for its clients.
    'hds.activity-gap:treatment:t-hebergement',
    'dpa.missing:engagement:cashontime-outil',
    'dpa.missing:engagement:google-drive-outil',
    'dpa.missing:engagement:pardot-outil',
    'dpa.missing:engagement:sage-outil',
    'dpa.missing:engagement:universign-outil',
    'register.retention-missing:treatment:t-comptabilite',
    'register.retention-missing:treatment:t-contrat-commandes',
    'register.retention-missing:treatment:t-newsletter',
    'register.retention-missing:treatment:t-projet-echanges',
    'register.legal-basis-missing:treatment:t-acces-locaux:article6',
    'register.legal-basis-missing:treatment:t-comptabilite:article6',
    'register.legal-basis-missing:treatment:t-contrat-commandes:article6',
    'register.legal-basis-missing:treatment:t-newsletter:article6',
    'register.legal-basis-missing:treatment:t-projet-echanges:article6',
    // Added: item 1: « Clauses Contractuelles Type » (§7.4) without version is evidence to complete even though no third country is recorded.
    'transfer.scc-version-unknown:engagement:salesforce-crm:scc-unspecified',
    'transfer.location-unknown:engagement:cashontime-outil',
    'transfer.location-unknown:engagement:dokiliko-aws',
    'transfer.location-unknown:engagement:google-drive-outil',
    'transfer.location-unknown:engagement:pardot-outil',
    'transfer.location-unknown:engagement:sage-outil',
    'transfer.location-unknown:engagement:universign-outil',
    'certificate.evidence-missing:subcontractor:aws:hds',
    'certificate.evidence-missing:subcontractor:aws:iso-27701',
    'certificate.evidence-missing:subcontractor:claranet:hds',
    'certificate.evidence-missing:subcontractor:mailjet:iso-27001',
    'certificate.evidence-missing:subcontractor:salesforce:hds',
    'certificate.evidence-missing:subcontractor:salesforce:iso-27001',
    // Added: item 6: with activities 5 and 6 now assigned (to Orisha itself), activities 1 to 4 have no recorded performer (AWS and Claranet activities are not specified).
    'hds.activity-unassigned:treatment:t-hebergement',
    'hds.scope-unknown:engagement:aws-hosting',
    'hds.scope-unknown:engagement:claranet-infogerance',
    'hds.scope-unknown:engagement:dokiliko-aws',
    // Added: item 4: AWS relies on the DPF (§7.4 « Data Privacy Framework »): a US organisation, subject to US law; no list of foreign laws and mitigations (HDS v2 req. 30).
    'hds.extraterritorial-exposure:engagement:aws-hosting',
    // Added: item 4: the same for AWS as Dokiliko's host.
    'hds.extraterritorial-exposure:engagement:dokiliko-aws',
    'breach.processor-window-too-long:engagement:aws-hosting',
    'breach.processor-window-too-long:engagement:cashontime-outil',
    'breach.processor-window-too-long:engagement:claranet-infogerance',
    'breach.processor-window-too-long:engagement:dokiliko-extranet',
    'breach.processor-window-too-long:engagement:google-drive-outil',
    'breach.processor-window-too-long:engagement:mailjet-mailing',
    'breach.processor-window-too-long:engagement:odyssey-sms',
    'breach.processor-window-too-long:engagement:pardot-outil',
    'breach.processor-window-too-long:engagement:sage-outil',
    'breach.processor-window-too-long:engagement:salesforce-crm',
    'breach.processor-window-too-long:engagement:universign-outil',
    'breach.processor-window-too-long:organisation:desmos:processor-terms',
  ],
  omnidoc: [
    'register.missing-field:treatment:t-comptes-utilisateurs:recipients',
    'register.missing-field:treatment:t-reutilisation-statistiques:recipients',
    // Added: item 2: OVH performs activities 1 and 2 with only a claimed HDS certification (Annexe 1-II, Annexe 2).
    'hds.certification-missing:subcontractor:ovh',
    // Added: item 2: Partitio performs activities 5 and 6 with only a claimed HDS certification (Annexe 1-II, Annexe 2).
    'hds.certification-missing:subcontractor:partitio',
    // Added: item 2: coverage is computed from evidenced certificates: none covers 1, 2 (OVH), 5, 6 (Partitio).
    'hds.activity-gap:treatment:t-initiation-individuel',
    // Added: item 2: as above.
    'hds.activity-gap:treatment:t-realisation-individuel',
    'dpa.missing:engagement:google-data-studio',
    'dpa.missing:engagement:hubspot-crm',
    'dpa.missing:engagement:lifen-connecteurs',
    'dpa.missing:engagement:mailgun-emails',
    'dpa.missing:engagement:ovh-hosting',
    'dpa.missing:engagement:ovh-sms',
    'dpa.missing:engagement:partitio-infogerance',
    'dpa.missing:engagement:twilio-messages',
    'dpa.missing:engagement:whereby-visio',
    'dpa.missing:engagement:wraptor-messagerie',
    'register.retention-missing:treatment:t-comptes-utilisateurs',
    'register.retention-missing:treatment:t-reutilisation-statistiques',
    'register.legal-basis-missing:treatment:t-comptes-utilisateurs:article6',
    'register.legal-basis-missing:treatment:t-reutilisation-statistiques:article6',
    'transfer.scc-version-unknown:engagement:google-data-studio:US',
    'transfer.scc-version-unknown:engagement:hubspot-crm:US',
    'transfer.scc-version-unknown:engagement:mailgun-emails:US',
    'transfer.scc-version-unknown:engagement:twilio-messages:US',
    // Added: item 5: US transfer on SCC, recipient not DPF-certified, no transfer impact assessment (warning: US).
    'transfer.tia-missing:engagement:google-data-studio:US',
    // Added: item 5: as above (access from the US).
    'transfer.tia-missing:engagement:hubspot-crm:US',
    // Added: item 5: as above.
    'transfer.tia-missing:engagement:mailgun-emails:US',
    // Added: item 5: as above.
    'transfer.tia-missing:engagement:twilio-messages:US',
    'certificate.evidence-missing:subcontractor:ovh:hds',
    'certificate.evidence-missing:subcontractor:partitio:hds',
    'hds.activity-unassigned:treatment:t-initiation-individuel',
    'hds.activity-unassigned:treatment:t-realisation-individuel',
    'hds.scope-unknown:engagement:lifen-connecteurs',
    'hds.scope-unknown:engagement:whereby-visio',
    'hds.scope-unknown:engagement:wraptor-messagerie',
    'breach.processor-window-too-long:engagement:google-data-studio',
    'breach.processor-window-too-long:engagement:hubspot-crm',
    'breach.processor-window-too-long:engagement:lifen-connecteurs',
    'breach.processor-window-too-long:engagement:mailgun-emails',
    'breach.processor-window-too-long:engagement:ovh-hosting',
    'breach.processor-window-too-long:engagement:ovh-sms',
    'breach.processor-window-too-long:engagement:partitio-infogerance',
    'breach.processor-window-too-long:engagement:twilio-messages',
    'breach.processor-window-too-long:engagement:whereby-visio',
    'breach.processor-window-too-long:engagement:wraptor-messagerie',
  ],
  'oci-hds-client': [
    'register.missing-field:organisation:oci-hds-client:contact',
    'register.missing-field:organisation:oci-hds-client:dpo',
    'hds.referential-outdated:certificate:oci-cloud-hds',
    'dpa.missing:engagement:oci-hds',
    'register.retention-missing:treatment:t-dossier-patient',
    'register.legal-basis-missing:treatment:t-dossier-patient:article6',
    'register.legal-basis-missing:treatment:t-dossier-patient:article9',
    // Added: item 10: health data of patients meets two WP248 criteria; no DPIA recorded (warning: criteria inferred).
    'dpia.missing:treatment:t-dossier-patient',
    'certificate.evidence-missing:subcontractor:oci-cloud:iso-27001',
    'certificate.evidence-missing:subcontractor:oci:iso-27001',
    'hds.activity-unassigned:treatment:t-dossier-patient',
    // Severity: item 12: now a warning (the Prestataire's contract with its Hébergeur is first OCI's duty), listed with the warnings.
    'dpa.missing:engagement:oci-cloud-hebergement',
    'breach.processor-window-too-long:engagement:oci-hds',
    // Added: item 11: a patient record with no retention: CSP R.1112-7 suggested (information).
    'register.retention-patient-record:treatment:t-dossier-patient',
  ],
  'levy-nadlan': [
    'register.missing-field:organisation:levy-nadlan:dpo',
    'certificate.expired:certificate:cloud-sante-agrement-renouvellement-2018',
    'hds.certification-missing:subcontractor:cloud-sante',
    'hds.certification-missing:subcontractor:equinix',
    'hds.activity-gap:treatment:t-application-hebergee',
    'breach.processor-window-too-long:engagement:cloud-sante-hebergement',
    'register.retention-missing:treatment:t-application-hebergee',
    'register.legal-basis-missing:treatment:t-application-hebergee:article6',
    'register.legal-basis-missing:treatment:t-application-hebergee:article9',
    // Added: item 10: health data of patients (Préambule, CG art. 19), two WP248 criteria; no DPIA recorded.
    'dpia.missing:treatment:t-application-hebergee',
    'certificate.evidence-missing:subcontractor:equinix:iso-27001',
    // Severity: item 12: now a warning (Cloud Santé's contract with Equinix is first Cloud Santé's duty), listed with the warnings.
    'dpa.missing:engagement:equinix-datacenters',
  ],
};
