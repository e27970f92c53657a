import type { Response, Test } from 'supertest';
import type { paths } from './generated/api';
import { responseSchema, schemaProblems } from './openapi-schema';

/*
 * Requests typed by the client generated from openapi.json (`npm run openapi` → test/generated/api.d.ts):
 * the path, its parameters, the query, the body and the answer's body all come from the document, so a
 * test that sends or reads what the document does not declare fails `npm run lint` (tsc). At run time
 * every JSON answer is also checked against the document's schema for its status (test/openapi-schema.ts):
 * the document, the types and the server's answers cannot drift apart unseen.
 */

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The paths that have an operation for the method. */
type PathsFor<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends undefined ? never : P;
}[keyof paths];

type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

type Responses<O> = O extends { responses: infer R } ? R : never;

/** The statuses the document declares for the operation. */
export type StatusOf<O> = keyof Responses<O> & number;

/** The JSON body of an answer with that status (unknown for files and empty answers). */
export type BodyOf<O, S> = S extends keyof Responses<O>
  ? Responses<O>[S] extends { content: { 'application/json': infer B } }
    ? B
    : unknown
  : never;

type Parameters<O, In extends 'path' | 'query'> = O extends { parameters: { [K in In]?: infer X } } ? X : never;

type JsonBody<O> = O extends { requestBody?: infer R }
  ? [NonNullable<R>] extends [never]
    ? never
    : NonNullable<R> extends { content: { 'application/json': infer B } }
      ? B
      : never
  : never;

type PathOption<O> = [Parameters<O, 'path'>] extends [never] | [undefined]
  ? { path?: never }
  : { path: Parameters<O, 'path'> };
type QueryOption<O> = [Parameters<O, 'query'>] extends [never] | [undefined]
  ? { query?: never }
  : { query?: Parameters<O, 'query'> };
type BodyOption<O> = [JsonBody<O>] extends [never] ? { body?: never } : { body: JsonBody<O> };

export type RequestOptions<O, S> = PathOption<O> &
  QueryOption<O> &
  BodyOption<O> & {
    /** The status the test expects (one the document declares); another fails the request. */
    expect: S;
  };

export interface TypedResponse<B> {
  status: number;
  body: B;
  headers: Record<string, string>;
  /** supertest's response, for what the types do not cover (raw text, buffers). */
  raw: Response;
}

type Call<M extends Method> = <P extends PathsFor<M>, S extends StatusOf<Operation<P, M>>>(
  path: P,
  options: RequestOptions<Operation<P, M>, S>,
) => Promise<TypedResponse<BodyOf<Operation<P, M>, S>>>;

export type TypedApi = { [M in Method]: Call<M> };

/** An agent as test/helpers.ts makes them (`api.http`, `api.anonymous`, or one with a key's token). */
type AgentFactory = () => Record<Method, (url: string) => Test>;

/** `/api/organisations/{slug}/treatments/{key}` with `{ slug, key }` → the URL (each value encoded). */
export function fillPath(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(String(values[name]));
  });
}

/** Typed requests through an agent; every JSON answer is checked against openapi.json. */
export function typedApi(agent: AgentFactory): TypedApi {
  const call =
    <M extends Method>(method: M) =>
    async (
      path: string,
      options: { path?: Record<string, string | number>; query?: object; body?: unknown; expect: number },
    ) => {
      let test = agent()[method](fillPath(path, options.path));
      if (options.query) test = test.query(options.query);
      if (options.body !== undefined) test = test.send(options.body as object);
      const res = await test;
      if (res.status !== options.expect) {
        throw new Error(
          `${method.toUpperCase()} ${path}: expected ${options.expect}, got ${res.status}: ${res.text.slice(0, 2000)}`,
        );
      }
      const schema = responseSchema(path, method, res.status);
      if (schema && /json/.test(String(res.headers['content-type']))) {
        const problems = schemaProblems(res.body, schema);
        if (problems.length) {
          throw new Error(
            `${method.toUpperCase()} ${path} ${res.status}: the answer departs from openapi.json:\n${problems.slice(0, 20).join('\n')}`,
          );
        }
      }
      return {
        status: res.status,
        body: res.body as unknown,
        headers: res.headers as Record<string, string>,
        raw: res,
      };
    };
  return {
    get: call('get'),
    post: call('post'),
    put: call('put'),
    patch: call('patch'),
    delete: call('delete'),
  } as unknown as TypedApi;
}
