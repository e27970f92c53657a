import type { Lang } from '../../common/i18n';

type T = (key: string, params?: Record<string, string | number>) => string;

/**
 * The API's field problems are English sentences (class-validator's and the stores'). People read
 * them in their language: known shapes are translated, anything else is shown as the API wrote it.
 */
const PATTERNS: { re: RegExp; key: string; params?: (m: RegExpExecArray, t: T) => Record<string, string> }[] = [
  { re: /must be a real date as YYYY-MM-DD/, key: 'problem.date' },
  { re: /must be an ISO 8601 date-time with offset/, key: 'problem.instant' },
  { re: /must be an ISO date or instant/, key: 'problem.instant' },
  {
    re: /^(should not be empty|must be longer than or equal to 1 characters?|must be a string)$/,
    key: 'problem.required',
  },
  { re: /must be one of the following values|must be one of /, key: 'problem.choice' },
  { re: /must be an integer number|must be a number/, key: 'problem.integer' },
  { re: /must not be less than (-?\d+)/, key: 'problem.min', params: (m) => ({ n: m[1] }) },
  { re: /must not be greater than (-?\d+)/, key: 'problem.max', params: (m) => ({ n: m[1] }) },
  { re: /must be shorter than or equal to (\d+) characters/, key: 'problem.maxLength', params: (m) => ({ n: m[1] }) },
  { re: /must be at least (\d+) characters/, key: 'problem.minLength', params: (m) => ({ n: m[1] }) },
  { re: /ISO 3166-1 alpha-2/, key: 'problem.country' },
  { re: /must be lower-case letters, digits/, key: 'problem.key' },
  { re: /must be the key of an existing record/, key: 'problem.ref' },
  { re: /must not be before (\w+)/, key: 'problem.notBefore', params: (m, t) => ({ field: t(`field.${m[1]}`) }) },
  { re: /must be an http\(s\) URL/, key: 'problem.url' },
  { re: /must be an e-mail address/, key: 'problem.email' },
  { re: /is already used/, key: 'problem.taken' },
  { re: /^no ([\w -]+) with key "(.*)"/, key: 'problem.noRecord', params: (m) => ({ key: m[2] }) },
  { re: /is listed twice/, key: 'problem.twice' },
  { re: /^passwords differ$/, key: 'problem.passwordsDiffer' },
  { re: /^used by (\w[\w -]*) "(.*)"$/, key: 'problem.usedBy', params: (m) => ({ what: m[1], key: m[2] }) },
  { re: /is not your current password/, key: 'problem.currentPassword' },
  { re: /must differ from the current password/, key: 'problem.samePassword' },
  { re: /must be 1–120 characters/, key: 'problem.required' },
  { re: /must name at least one/, key: 'problem.grants' },
  { re: /must be an organisation slug or \*/, key: 'problem.slug' },
  { re: /slug must be lower-case/, key: 'problem.slug' },
  { re: /should not exist/, key: 'problem.unknownField' },
  { re: /must be a finding id/, key: 'problem.finding' },
  { re: /must contain not more than (\d+) elements/, key: 'problem.tooMany', params: (m) => ({ n: m[1] }) },
  { re: /should not be null or undefined|must be an array/, key: 'problem.required' },
  { re: /HDS activity codes/, key: 'problem.hds' },
  { re: /must be a boolean value/, key: 'problem.choice' },
];

export function translateProblem(problem: string, lang: Lang, t: T): string {
  for (const p of PATTERNS) {
    const m = p.re.exec(problem);
    if (m) {
      const text = t(p.key, p.params?.(m, t) ?? {});
      if (text !== p.key) return text;
    }
  }
  return lang === 'en' ? problem.charAt(0).toUpperCase() + problem.slice(1) : problem;
}
