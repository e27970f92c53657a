import { jsonShapeProblem, MAX_JSON_DEPTH } from './json-shape';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

describe('jsonShapeProblem', () => {
  it('accepts ordinary data and nesting up to the limit', () => {
    expect(jsonShapeProblem({ a: [{ b: 1 }, null, 'x'], c: { d: true } })).toBeUndefined();
    expect(jsonShapeProblem(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(jsonShapeProblem('text')).toBeUndefined();
  });

  it('names where the nesting goes too deep, at any depth (no recursion)', () => {
    expect(jsonShapeProblem({ list: [[[[1]]]] }, 3)).toEqual({
      field: 'list[0][0]',
      problem: 'nests deeper than 3 levels',
    });
    expect(jsonShapeProblem(nested(MAX_JSON_DEPTH + 1))?.problem).toBe(`nests deeper than ${MAX_JSON_DEPTH} levels`);
    const deep = JSON.parse(`${'{"x":'.repeat(100_000)}1${'}'.repeat(100_000)}`) as unknown;
    const problem = jsonShapeProblem(deep);
    expect(problem?.field).toBe(Array(MAX_JSON_DEPTH).fill('x').join('.'));
  });

  it('refuses prototype keys wherever they are, with their path', () => {
    expect(jsonShapeProblem(JSON.parse('{"a":[{"__proto__":{"admin":true}}]}'))).toEqual({
      field: 'a[0].__proto__',
      problem: '"__proto__" is a reserved name and cannot be a field',
    });
    expect(jsonShapeProblem({ constructor: { prototype: 1 } })?.field).toBe('constructor');
    expect(jsonShapeProblem({ x: { prototype: 1 } }, undefined, 'treatments[2]')?.field).toBe(
      'treatments[2].x.prototype',
    );
  });

  it('refuses a NUL character in a value or a key, with its path (PostgreSQL cannot store it)', () => {
    expect(jsonShapeProblem({ treatments: [{ name: 'Dossier\u0000patient' }] })).toEqual({
      field: 'treatments[0].name',
      problem: 'contains a NUL character (U+0000), which cannot be stored',
    });
    expect(jsonShapeProblem({ ['a\u0000']: 1 })?.field).toBe('a\u0000');
    expect(jsonShapeProblem({ name: 'Dossier\u0007patient\u001b[31m' })).toBeUndefined();
  });
});
