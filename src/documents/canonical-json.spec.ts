import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flattenValidationErrors } from '../common/errors';
import { canonicalJson } from './view-models';

/** The recursive definition canonicalJson had: fingerprints of published versions depend on it. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('canonicalJson', () => {
  it('writes exactly what the recursive definition wrote, for every seed', () => {
    const dir = join(__dirname, '..', '..', 'seeds');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const bundle = JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown;
      expect(canonicalJson(bundle)).toBe(reference(bundle));
    }
  });

  it('sorts keys, drops undefined members, keeps nulls, escapes text', () => {
    const value = { b: [1, 'x"\u001b', null, { d: undefined, c: false }], a: {}, é: [] };
    expect(canonicalJson(value)).toBe('{"a":{},"b":[1,"x\\"\\u001b",null,{"c":false}],"é":[]}');
    expect(canonicalJson(value)).toBe(reference(value));
  });

  it('writes data nested 100 000 levels deep (no recursion)', () => {
    const deep = JSON.parse(`${'[{"a":'.repeat(50_000)}1${'}]'.repeat(50_000)}`) as unknown;
    expect(canonicalJson(deep)).toHaveLength(50_000 * 8 + 1);
  });
});

describe('flattenValidationErrors', () => {
  it('keeps depth-first order and paths, at any depth', () => {
    type E = Parameters<typeof flattenValidationErrors>[0][number];
    const leaf = (property: string, message?: string): E => ({
      property,
      constraints: message ? { c: `${property} ${message}` } : undefined,
      children: [],
    });
    const errors = [
      {
        ...leaf('treatments'),
        children: [{ ...leaf('0'), children: [leaf('name', 'must be a string'), leaf('x', 'bad')] }],
      },
      leaf('key', 'must match'),
    ] as E[];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'treatments[0].name', problem: 'must be a string' },
      { field: 'treatments[0].x', problem: 'bad' },
      { field: 'key', problem: 'must match' },
    ]);
    let deep = leaf('a', 'is wrong');
    for (let i = 0; i < 50_000; i++) deep = { ...leaf('a'), children: [deep] };
    const [problem] = flattenValidationErrors([deep]);
    expect(problem.problem).toBe('is wrong');
    expect(problem.field.split('.')).toHaveLength(50_001);
  });
});
