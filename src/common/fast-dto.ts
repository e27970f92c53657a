import { TransformationType } from 'class-transformer';
import type { TypeMetadata } from 'class-transformer/types/interfaces';
import type { MetadataStorage as TransformerStorage } from 'class-transformer/types/MetadataStorage';
import {
  getMetadataStorage,
  ValidationArguments,
  ValidationTypes,
  ValidatorConstraintInterface,
} from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/*
 * A fast path for `plainToInstance` + `validateSync(…, STRICT_VALIDATION)` on parsed JSON. Both libraries
 * look their metadata up again for every property of every object, and class-validator allocates an
 * error object for each one even when nothing is wrong: a 10 000-treatment bundle took about 0.3 s to
 * transform and 1.5 s to validate, most of it garbage. Here each DTO class is compiled once into a plan
 * from the same metadata, and the same constraint instances are called with the same arguments, so the
 * answers agree with the libraries'. Anything a plan does not model falls back to the libraries, which
 * also name every problem: the fast path only ever says "here is the instance" and "valid".
 */

// class-transformer's own metadata (the @Type decorators), which its index does not export.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a subpath without typings of its own
const transformer = (require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerStorage })
  .defaultMetadataStorage;
const storage = getMetadataStorage();

/** A DTO class, as the libraries' metadata is keyed. */
type Ctor = new () => object;

/**
 * The instance `plainToInstance(cls, plain)` would build from parsed JSON, or `undefined` when the data
 * or the class is outside what this mirrors of TransformOperationExecutor: plain objects, arrays,
 * primitives, `@Type` classes as the only decorators; a `new` instance per object (defaults kept), keys
 * in the data's order, untyped objects copied. A key the class does not declare, an `@Transform`,
 * `@Expose`, `@Exclude`, discriminator, Set or Map, or a `@Type` of String, Number, Boolean or Date
 * answers `undefined`, never an approximation.
 */
export function instanceFast<T extends object>(cls: new () => T, plain: unknown): T | undefined {
  refresh();
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) return undefined;
  const out = typed(cls, plain);
  return out === FALLBACK ? undefined : (out as T);
}

/**
 * `true` when `validateSync(object, STRICT_VALIDATION)` would report nothing; `false` means "ask
 * class-validator" (it gives the problems, and its own verdict). Groups, `always`, promise validation,
 * async constraints and a constraint answering with a promise all answer `false`, never a guess.
 */
export function validFast(object: object): boolean {
  refresh();
  return objectValid(object);
}

/** A constraint with its validators, taken from class-validator's container once per plan (Registre never swaps it). */
type Check = { meta: ValidationMetadata; validators: ValidatorConstraintInterface[] };
interface PropertyPlan {
  name: string;
  conditions: ((object: unknown, value: unknown) => boolean)[];
  defined: Check[];
  custom: Check[];
  nested: boolean;
}
interface Fill {
  /** The property's @Type, if any. */
  type?: TypeMetadata;
  /** class-transformer leaves the property alone: a getter without setter, or a method. */
  skip: boolean;
}
/** `undefined`: a class this does not model (the libraries decide). */
type ClassPlan = { properties: PropertyPlan[]; known: Set<string>; fill: Map<string, Fill> } | undefined;

const plans = new Map<Ctor, ClassPlan>();
let planned = -1;

/** Drops the plans when decorators have added metadata since they were compiled (modules loading). */
function refresh(): void {
  // `validationMetadatas` is class-validator's own map of metadata per class (internal, read only).
  const all = (storage as unknown as { validationMetadatas: Map<unknown, unknown[]> }).validationMetadatas;
  let count = 0;
  for (const list of all.values()) count += list.length;
  if (count !== planned) {
    plans.clear();
    planned = count;
  }
}

function planOf(target: Ctor): ClassPlan {
  let plan = plans.get(target);
  if (plan !== undefined || plans.has(target)) return plan;
  plan = compile(target);
  plans.set(target, plan);
  return plan;
}

function compile(target: Ctor): ClassPlan {
  // As ValidationExecutor.execute asks for them with STRICT_VALIDATION: no schema, no groups, always false.
  const metas = storage.getTargetValidationMetadatas(target, '', false, false, undefined);
  if (!metas.length) return undefined; // forbidUnknownValues: class-validator reports it
  const byName = new Map<string, ValidationMetadata[]>();
  for (const m of metas) {
    if (m.groups?.length || m.always) return undefined;
    const list = byName.get(m.propertyName) ?? [];
    list.push(m);
    byName.set(m.propertyName, list);
  }
  const properties: PropertyPlan[] = [];
  for (const [name, list] of byName) {
    const plan: PropertyPlan = { name, conditions: [], defined: [], custom: [], nested: false };
    for (const m of list) {
      switch (m.type) {
        case ValidationTypes.WHITELIST:
          break;
        case ValidationTypes.CONDITIONAL_VALIDATION:
          plan.conditions.push(m.constraints[0] as (object: unknown, value: unknown) => boolean);
          break;
        case ValidationTypes.IS_DEFINED:
        case ValidationTypes.CUSTOM_VALIDATION: {
          const constraints = storage.getTargetValidatorConstraints(m.constraintCls);
          if (constraints.some((c) => c.async)) return undefined;
          const validators: ValidatorConstraintInterface[] = constraints.map((c) => c.instance);
          (m.type === ValidationTypes.IS_DEFINED ? plan.defined : plan.custom).push({ meta: m, validators });
          break;
        }
        case ValidationTypes.NESTED_VALIDATION:
          plan.nested = true;
          break;
        default:
          return undefined;
      }
    }
    properties.push(plan);
  }
  const fill = fillPlan(target, [...byName.keys()]);
  return fill && { properties, known: new Set(byName.keys()), fill };
}

/** How plainToInstance fills each declared property, or undefined for a class it treats otherwise. */
function fillPlan(target: Ctor, names: readonly string[]): Map<string, Fill> | undefined {
  if (transformer.getStrategy(target) !== 'none') return undefined;
  if (transformer.getExposedMetadatas(target).length || transformer.getExcludedMetadatas(target).length) {
    return undefined;
  }
  const sample = new target() as Record<string, unknown>;
  const fill = new Map<string, Fill>();
  for (const name of names) {
    if (transformer.findTransformMetadatas(target, name, TransformationType.PLAIN_TO_CLASS).length) return undefined;
    const type = transformer.findTypeMetadata(target, name);
    if (type) {
      const reflected = type.reflectedType as unknown;
      if (type.options?.discriminator || reflected === Set || reflected === Map) return undefined;
      if (typeof reflected === 'function' && reflected !== Array && reflected.prototype instanceof Array) {
        return undefined;
      }
    }
    const descriptor = Object.getOwnPropertyDescriptor(target.prototype, name);
    fill.set(name, { type, skip: Boolean(descriptor && !descriptor.set) || sample[name] instanceof Function });
  }
  return fill;
}

// ---- plainToInstance ----

/** Marks data the fast path leaves to class-transformer. */
const FALLBACK: unique symbol = Symbol('fallback');

/** Targets class-transformer converts to rather than instantiates. */
const CONVERTED: readonly unknown[] = [String, Number, Boolean, Date, Buffer, Object, Promise, Map, Set];

/** TransformOperationExecutor.transform towards a class (the caller's, or a property's @Type). */
function typed(cls: Ctor, value: unknown): unknown {
  if (Array.isArray(value)) return list(value, (item) => typed(cls, item));
  if (typeof value !== 'object' || value === null) return value;
  if (Object.getPrototypeOf(value) !== Object.prototype) return FALLBACK;
  const plan = planOf(cls);
  if (!plan) return FALLBACK;
  const out = new cls() as Record<string, unknown>;
  const source = value as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const how = plan.fill.get(key);
    if (!how) return FALLBACK; // not declared: class-validator refuses it, in its own words
    if (how.skip) continue;
    let result: unknown;
    if (how.type) {
      const target = how.type.typeFunction({ newObject: out, object: source, property: key });
      if (typeof target !== 'function' || CONVERTED.includes(target)) return FALLBACK;
      result = typed(target as Ctor, source[key]);
    } else result = untyped(source[key]);
    if (result === FALLBACK) return FALLBACK;
    out[key] = result;
  }
  return out;
}

/** The same without a target class: a copy of the data (class-transformer skips Object's own names). */
function untyped(value: unknown): unknown {
  if (Array.isArray(value)) return list(value, untyped);
  if (typeof value !== 'object' || value === null) return value;
  if (Object.getPrototypeOf(value) !== Object.prototype) return FALLBACK;
  const out: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor') continue;
    if ((Object.prototype as unknown as Record<string, unknown>)[key] instanceof Function) continue;
    const result = untyped(source[key]);
    if (result === FALLBACK) return FALLBACK;
    out[key] = result;
  }
  return out;
}

/** Mapped as `forEach` does, which both libraries use: holes of a sparse array are skipped. */
function list(items: readonly unknown[], each: (item: unknown) => unknown): unknown {
  const out: unknown[] = [];
  for (let i = 0; i < items.length; i++) {
    if (!(i in items)) continue;
    const result = each(items[i]);
    if (result === FALLBACK) return FALLBACK;
    out.push(result);
  }
  return out;
}

// ---- validateSync ----

/** ValidationExecutor.execute: whitelist, then each property's conditions, constraints and nesting. */
function objectValid(object: object): boolean {
  const plan = planOf(object.constructor as Ctor);
  if (!plan) return false;
  for (const key of Object.keys(object)) if (!plan.known.has(key)) return false; // forbidNonWhitelisted
  const record = object as Record<string, unknown>;
  for (const p of plan.properties) {
    const value = record[p.name];
    let applies = true;
    for (const condition of p.conditions) applies = condition(object, value) && applies;
    if (!applies) continue;
    if (!checksPass(object, value, p.defined) || !checksPass(object, value, p.custom)) return false;
    if (p.nested && !nestedValid(value)) return false;
  }
  return true;
}

function checksPass(object: object, value: unknown, checks: readonly Check[]): boolean {
  for (const { meta, validators } of checks) {
    for (const validator of validators) {
      const args: ValidationArguments = {
        // As class-validator builds them (undefined for an object without a constructor).
        targetName: object.constructor ? object.constructor.name : (undefined as unknown as string),
        property: meta.propertyName,
        object,
        value,
        constraints: meta.constraints,
      };
      if (meta.each && (Array.isArray(value) || value instanceof Set || value instanceof Map)) {
        for (const item of present(value)) if (!answer(validator.validate(item, args))) return false;
      } else if (!answer(validator.validate(value, args))) return false;
    }
  }
  return true;
}

/** The items class-validator visits (`forEach`/`map`: the values of a Map, no holes of an array). */
function present(value: unknown[] | Set<unknown> | Map<unknown, unknown>): unknown[] {
  if (value instanceof Map) return [...value.values()];
  if (value instanceof Set) return [...value];
  return value.filter(() => true);
}

/** A constraint's answer; a promise (an async check in a sync run) is left to class-validator. */
function answer(result: unknown): boolean {
  if (result instanceof Promise) return false;
  return Boolean(result);
}

/** ValidationExecutor.nestedValidations: undefined passes, lists recurse item by item, objects execute. */
function nestedValid(value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value) || value instanceof Set || value instanceof Map) {
    for (const item of present(value)) if (!nestedValid(item)) return false;
    return true;
  }
  if (value instanceof Object) return objectValid(value);
  return false;
}
