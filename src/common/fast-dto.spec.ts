import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsString,
  MaxLength,
  registerDecorator,
  validateSync,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticBundle } from '../bench/synthetic';
import { upgradeBundle } from '../bundles/bundle-upgrade';
import { BundleDto } from '../bundles/bundle.dto';
import { flattenValidationErrors } from './errors';
import { instanceFast, validFast } from './fast-dto';
import { STRICT_VALIDATION, validateAs } from './validate';

/** Equal as the libraries build them: same prototypes, same keys in the same order, same values. */
function difference(a: unknown, b: unknown, path = ''): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: another class`;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join() !== kb.join()) return `${path}: keys ${ka.join()} ≠ ${kb.join()}`;
  for (const k of ka) {
    const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return undefined;
}

const SEEDS = join(__dirname, '..', '..', 'seeds');
const bundles = (): Record<string, unknown>[] => [
  ...readdirSync(SEEDS)
    .filter((f) => f.endsWith('.json'))
    .map((f) => upgradeBundle(JSON.parse(readFileSync(join(SEEDS, f), 'utf8'))) as Record<string, unknown>),
  upgradeBundle(JSON.parse(JSON.stringify(syntheticBundle(12)))) as Record<string, unknown>,
];

/** Every path to a value in plain data. */
function paths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(at);
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) paths(v, [...at, Array.isArray(value) ? Number(k) : k], out);
  }
  return out;
}

const REPLACEMENTS: unknown[] = [
  null,
  0,
  1.5,
  -1,
  '',
  'x',
  true,
  [],
  {},
  ['a'],
  [{}],
  { a: 1 },
  '2026-13-01',
  '2026-02-30',
  'FR',
  'ZZ',
  'US',
  '7',
  'x'.repeat(5000),
];

describe('fast DTO path (plainToInstance + validateSync, compiled per class)', () => {
  it('builds the same instances as class-transformer for every seed bundle and a synthetic one', () => {
    for (const bundle of bundles()) {
      const fast = instanceFast(BundleDto, bundle);
      expect(fast).toBeInstanceOf(BundleDto);
      expect(difference(fast, plainToInstance(BundleDto, bundle))).toBeUndefined();
      expect(validFast(fast as BundleDto)).toBe(true);
      expect(validateSync(fast as BundleDto, STRICT_VALIDATION)).toEqual([]);
    }
  });

  it('agrees with the libraries on 150 mutants of each bundle: never valid where class-validator finds a problem', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const verdicts = { agree: 0, fastValid: 0, fallback: 0, total: 0 };
    for (const bundle of bundles()) {
      const all = paths(bundle).filter((p) => p.length);
      for (let i = 0; i < 150; i++) {
        const mutant = JSON.parse(JSON.stringify(bundle)) as Record<string | number, unknown>;
        const path = all[Math.floor(random() * all.length)];
        let parent = mutant;
        for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
        const last = path[path.length - 1];
        const r = random();
        if (r < 0.2 && !Array.isArray(parent)) delete parent[last];
        else if (r < 0.3 && !Array.isArray(parent)) parent[`extra${String(last)}`] = 1;
        else parent[last] = REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)];

        const slow = plainToInstance(BundleDto, mutant);
        const fast = instanceFast(BundleDto, mutant);
        if (fast) expect(difference(fast, slow)).toBeUndefined();
        else verdicts.fallback++;
        const valid = validateSync(slow, STRICT_VALIDATION).length === 0;
        const quick = validFast(slow);
        if (quick) expect(valid).toBe(true); // `true` is a promise kept; `false` only defers
        verdicts.total++;
        if (quick === valid) verdicts.agree++;
        if (quick) verdicts.fastValid++;
      }
    }
    // The mutations are varied enough to exercise both answers, and the fast path is exact on them.
    expect(verdicts.fastValid).toBeGreaterThan(verdicts.total / 10);
    expect(verdicts.fastValid).toBeLessThan(verdicts.total);
    expect(verdicts.fallback).toBeGreaterThan(0);
    expect(verdicts.agree).toBe(verdicts.total);
  });

  it('leaves to the libraries what it does not model: unknown keys, @Transform, promises, non-JSON values', () => {
    class Inner {
      @IsString()
      name!: string;
    }
    class Outer {
      @ValidateNested()
      @Type(() => Inner)
      inner!: Inner;
    }
    expect(instanceFast(Outer, { inner: { name: 'a' } })).toBeInstanceOf(Outer);
    expect(instanceFast(Outer, { inner: { name: 'a', other: 1 } })).toBeUndefined();
    expect(instanceFast(Outer, { inner: new Date() })).toBeUndefined();
    expect(instanceFast(Outer, [{ inner: { name: 'a' } }])).toBeUndefined();

    class Trimmed {
      @IsString()
      @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
      name!: string;
    }
    expect(instanceFast(Trimmed, { name: ' a ' })).toBeUndefined();
    expect(validateAs(Trimmed, { name: ' a ' }).value.name).toBe('a');

    class Later {
      @((() =>
        function (target: object, propertyName: string) {
          registerDecorator({
            target: target.constructor,
            propertyName,
            validator: { validate: (value: unknown) => Promise.resolve(value === 'ok') },
          });
        })())
      name!: string;
    }
    const later = plainToInstance(Later, { name: 'ok' });
    expect(validFast(later)).toBe(false);
  });

  it('calls the constraints with the arguments class-validator passes', () => {
    const seen: ValidationArguments[] = [];
    class Named {
      @((() =>
        function (target: object, propertyName: string) {
          registerDecorator({
            name: 'recorded',
            target: target.constructor,
            propertyName,
            constraints: [3],
            validator: {
              validate: (value: unknown, args: ValidationArguments) => {
                seen.push(args);
                return typeof value === 'string' && value.length <= (args.constraints[0] as number);
              },
            },
          });
        })())
      @MaxLength(10)
      name!: string;
    }
    const named = instanceFast(Named, { name: 'abc' }) as Named;
    expect(validFast(named)).toBe(true);
    validateSync(named, STRICT_VALIDATION);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[0]).toMatchObject({ targetName: 'Named', property: 'name', value: 'abc', constraints: [3] });
    expect(seen[0].object).toBe(named);
    expect(validFast(instanceFast(Named, { name: 'abcd' }) as Named)).toBe(false);
  });

  it('gives the same problems through validateAs as before the fast path (it defers to class-validator)', () => {
    const [seedBundle] = bundles();
    const broken = JSON.parse(JSON.stringify(seedBundle)) as { organisation: Record<string, unknown> };
    broken.organisation.unknownField = 1;
    broken.organisation.name = 7;
    const { problems } = validateAs(BundleDto, broken);
    const reference = flattenValidationErrors(validateSync(plainToInstance(BundleDto, broken), STRICT_VALIDATION));
    expect(problems).toEqual(reference);
    expect(new Set(problems.map((p) => p.field))).toEqual(new Set(['organisation.name', 'organisation.unknownField']));
  });
});
