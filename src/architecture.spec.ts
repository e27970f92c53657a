import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/**
 * Holds the code to docs/architecture.md: every import between modules of src/ must be allowed by the
 * page's table ("may import"). A module is a folder of src/ (common/records apart) or a top-level file.
 */
const ROOT = join(__dirname, '..');
const SRC = join(ROOT, 'src');

function moduleOf(file: string): string {
  const parts = relative(SRC, file).split('/');
  if (parts[0] === 'common' && parts[1] === 'records' && parts.length > 2) return 'common/records';
  return parts.length > 1 ? parts[0] : parts[0].replace(/\.ts$/, '');
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') && name !== 'testing.ts' ? [path] : [];
  });
}

function allowedByThePage(): Map<string, Set<string> | 'anything'> {
  const page = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
  const allowed = new Map<string, Set<string> | 'anything'>();
  for (const line of page.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || !cells[1].startsWith('`')) continue;
    const names = [...cells[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const may = cells[3] === 'anything' ? 'anything' : new Set(cells[3] === '—' ? [] : cells[3].split(/,\s*/));
    for (const name of names) allowed.set(name, may);
  }
  return allowed;
}

describe('module boundaries (docs/architecture.md)', () => {
  const allowed = allowedByThePage();
  const files = sources(SRC);

  it('names every module of src/ in the table', () => {
    const modules = [...new Set(files.map(moduleOf))].sort();
    expect(modules.filter((m) => !allowed.has(m))).toEqual([]);
  });

  it('has no import the table does not allow', () => {
    const crossings: string[] = [];
    for (const file of files) {
      const from = moduleOf(file);
      const may = allowed.get(from);
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        const to = moduleOf(normalize(join(dirname(file), `${spec}.ts`)));
        if (to === from || may === 'anything' || may?.has(to)) continue;
        crossings.push(`${relative(ROOT, file)} (${from}) imports ${spec} (${to})`);
      }
    }
    expect(crossings).toEqual([]);
  });
});
