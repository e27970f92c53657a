import { BUNDLED_KINDS } from '../../records/record-kinds';
import { workbookSpecs } from '../../spreadsheets/schema';
import { WebViews } from '../views';
import type { FieldSpec, FormSpec, ListSpec } from './form';
import {
  breachForm,
  certificateForm,
  changeForm,
  channelForm,
  choicesFor,
  engagementForm,
  organisationForm,
  subcontractorForm,
  treatmentForm,
  waiverForm,
} from './specs';

const FORMS: Record<string, FormSpec> = {
  treatments: treatmentForm(true),
  subcontractors: subcontractorForm(true),
  certificates: certificateForm(true),
  engagements: engagementForm(true),
  breaches: breachForm(true),
  subprocessorChanges: changeForm(true),
  organisation: organisationForm({ create: false, settings: true }),
  waivers: waiverForm,
  channels: channelForm(true),
};

/** Every field of a form as a record path (`transfers[].safeguard.kind`), lists marked `[]`. */
function paths(form: FormSpec): string[] {
  const out: string[] = [];
  for (const section of form.sections) {
    for (const item of section.items) {
      if (item.kind === 'list') for (const f of item.fields) out.push(`${item.name}[].${f.name}`);
      else out.push(item.name);
    }
  }
  return out;
}

function keysOf(form: FormSpec): string[] {
  const keys: string[] = [];
  const field = (f: FieldSpec | ListSpec) => {
    keys.push(f.label);
    if (f.hint) keys.push(f.hint);
    if (f.kind === 'list') {
      keys.push(f.item);
      f.fields.forEach(field);
      return;
    }
    if (f.empty) keys.push(f.empty);
    for (const o of f.options ?? []) if (!o.literal) keys.push(o.label);
  };
  for (const section of form.sections) {
    keys.push(section.legend);
    if (section.hint) keys.push(section.hint);
    section.items.forEach(field);
  }
  return keys;
}

/**
 * What the workbook, the API and the CLI edit but the web forms leave alone: the provenance of a record
 * read from a document (`source`: written by the import, kept through an edit).
 */
const NOT_IN_FORMS = [/(^|\.)source(\.|$)/];

describe('web forms', () => {
  const views = new WebViews();

  it('has every label, hint, legend and option of every form in French and in English', () => {
    const missing = Object.entries(FORMS).flatMap(([name, form]) =>
      (['fr', 'en'] as const).flatMap((lang) =>
        keysOf(form)
          .filter((k) => !(k in views.labels[lang]))
          .map((k) => `${name} ${lang}: ${k}`),
      ),
    );
    expect(missing).toEqual([]);
  });

  it('edits every field the workbook carries for treatments, subcontractors, certificates and engagements', () => {
    const missing = ['treatments', 'subcontractors', 'certificates', 'engagements'].flatMap((collection) => {
      expect(BUNDLED_KINDS.some((k) => k.collection === collection)).toBe(true);
      const inForm = new Set(paths(FORMS[collection]));
      const carried = workbookSpecs()
        .filter((s) => s.collection === collection)
        .flatMap((s) => s.fields.map((f) => f.recordPath))
        .filter((p) => p !== 'key' && !NOT_IN_FORMS.some((re) => re.test(p)));
      return [...new Set(carried)].filter((p) => !inForm.has(p)).map((p) => `${collection}: ${p}`);
    });
    expect(missing).toEqual([]);
  });

  it("offers the WP248 criteria, the CNIL list and the organisation's certificates in the reader's language", () => {
    const snapshot = {
      organisation: { name: 'Clinique' },
      subcontractors: [{ key: 'ovh', name: 'OVHcloud' }],
      certificates: [{ key: 'c1', kind: 'hds', number: 'HDS-42', subcontractor: 'ovh' }],
      engagements: [],
      treatments: [],
    } as unknown as Parameters<typeof choicesFor>[1];
    const fr = choicesFor('fr', snapshot);
    const en = choicesFor('en', snapshot);
    expect(fr.dpiaCriteria.find((o) => o.value === 'large-scale')?.label).toBe('Traitement à grande échelle');
    expect(en.dpiaCriteria.find((o) => o.value === 'large-scale')?.label).toBe('Large-scale processing');
    expect(fr.cnilList.map((o) => o.value)).toContain('health-establishment-care');
    expect(fr.certificates).toEqual([{ value: 'c1', label: 'Certificat HDS HDS-42 — OVHcloud (c1)', literal: true }]);
  });
});
