import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCnilRegister, isCnilRegister } from './cnil';
import { readTable } from './read';

const TEMPLATE = join(__dirname, '..', '..', 'test', 'fixtures', 'cnil', 'registre-traitement-simplifie.ods');

describe('the CNIL register template', () => {
  const table = readTable(readFileSync(TEMPLATE));

  it('is recognised by its layout; the tutorial, the lists, the empty model and the example are skipped', () => {
    expect(isCnilRegister(table)).toBe(true);
    const read = readCnilRegister(table, { asOf: '2026-06-01' });
    expect(read.incoming.collections.treatments).toEqual([]);
    expect(read.sheets.map((s) => s.as)).toEqual(['list', 'skipped', 'empty fiche', 'example (skipped)', 'skipped']);
  });

  it("reads the CNIL's own example fiche when asked: every section mapped by meaning", () => {
    const read = readCnilRegister(table, { asOf: '2026-06-01', includeExample: true, fileName: 'cnil.ods' });
    const [t] = read.incoming.collections.treatments ?? [];
    expect(t.record).toEqual({
      key: '1-exemple',
      name: 'Gestion de la paie',
      role: 'controller',
      purposes: [
        'Gestion de la paie',
        'Calcul des rémunérations',
        'Calcul du montant des versements adressés aux organismes sociaux',
        'Ordre de virement à la banque',
      ],
      dataCategories: [
        {
          category: 'identity',
          label: 'Noms, prénoms, adresses',
          retention: '5 ans à compter du versement de la paie',
          retentionPeriod: { value: 5, unit: 'years' },
        },
        {
          category: 'economic-financial',
          label: 'RIB',
          retention: '5 ans à compter du versement de la paie',
          retentionPeriod: { value: 5, unit: 'years' },
        },
        {
          category: 'nir',
          label: 'Numéros de sécurité sociale des salariés',
          nir: true,
          retention: '5 ans à compter du versement de la paie',
          retentionPeriod: { value: 5, unit: 'years' },
        },
      ],
      dataSubjects: ['Salariés'],
      recipients: [
        { kind: 'internal', name: 'Dir. Administrative et Financière' },
        { kind: 'partner', name: 'Organismes sociaux' },
        { kind: 'third-country', name: "Banque d'Andorre" },
      ],
      securityMeasures: [
        { title: 'Mesures de protection des logiciels' },
        { title: 'Sauvegarde des données' },
        { title: 'Autres mesures (à préciser)' },
      ],
      transfers: [
        {
          recipient: "Banque d'Andorre",
          country: 'AD',
          safeguard: {
            kind: 'scc-unspecified',
            details: 'Clauses contractuelles types (CCT) — Contrat en date du 23/01/2018',
          },
        },
      ],
      notes: 'N° / RÉF : 1 - Exemple\nfiche créée le 2018-05-26, mise à jour le 2019-05-13 (registre CNIL)',
      source: { document: 'cnil.ods', section: 'feuille « 4_-_Exemple_de_fiche »' },
    });
    expect(read.incoming.organisation?.record).toEqual({
      contact: {
        name: 'Louise DUPONT',
        address: '1 rue Rivoli, 75001 Paris',
        phone: '01 xx xx xx xx',
        email: 'exemple1@ets.com',
      },
      dpo: {
        name: 'Martin HENRI',
        address: '1 rue Rivoli, 75001 Paris',
        phone: '01 xx xx xx xx',
        email: 'exemple2@ets.com',
      },
    });
    expect(read.organisationCountry).toBe('FR');
    expect(read.provenance.get('treatments[0].transfers[0].country')).toMatchObject({
      sheet: '4_-_Exemple_de_fiche',
      cell: 'C39',
      value: 'Andorre',
    });
  });
});
