import { ORG, startApi, TestApi } from '../helpers';

/**
 * Issue 11 defect 8: a viewer got 403 on alert channels but read their webhook URL (with its token)
 * and e-mail recipients in the audit trail. The audit masks, for each role, what the resource hides.
 */
describe('the audit trail shows each role only what the resource shows it', () => {
  let api: TestApi;
  const org = `/api/organisations/${ORG.slug}`;
  const HOOK = 'https://hooks.example.org/services/T000/B000/tok3n-in-the-path';
  const as = (token: string) => ({
    get: (path: string) => api.anonymous().get(path).set('Authorization', `Bearer ${token}`),
  });

  beforeAll(async () => {
    api = await startApi();
    await api.http().post('/api/organisations').send(ORG).expect(201);
    await api
      .http()
      .post(`${org}/alert-channels`)
      .send({ key: 'soc', kind: 'webhook', url: HOOK, secret: 'a-webhook-secret-of-32-characters!' })
      .expect(201);
    await api
      .http()
      .patch(`${org}/alert-channels/soc`)
      .send({ url: `${HOOK}-2` })
      .expect(200);
    await api
      .http()
      .post(`${org}/alert-channels`)
      .send({ key: 'dpo', kind: 'email', recipients: ['jeanne.dpo@clinique-test.fr'] })
      .expect(201);
    await api.http().post(`${org}/subcontractors`).send({ key: 'host', name: 'Hébergeur', country: 'FR' }).expect(201);
  });
  afterAll(async () => api.close());

  it.each(['viewer', 'editor'] as const)(
    'gives a %s who and when, never the values of alert channels',
    async (role) => {
      const { token } = await api.key(role, [ORG.slug]);
      await as(token).get(`${org}/alert-channels`).expect(403);
      const res = await as(token).get(`${org}/audit`).expect(200);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain('hooks.example.org');
      expect(text).not.toContain('tok3n');
      expect(text).not.toContain('jeanne.dpo');
      const channels = (
        res.body as { entity: string; action: string; before: unknown; after: unknown; masked?: string }[]
      ).filter((a) => a.entity === 'Alert channel');
      expect(channels.map((a) => a.action).sort()).toEqual(['create', 'create', 'update']);
      expect(
        channels.every((a) => a.before === null && a.after === null && a.masked === 'the values need the admin role'),
      ).toBe(true);
      // What the role may read keeps its values.
      const host = (res.body as { entity: string; after: unknown }[]).find((a) => a.entity === 'Subcontractor');
      expect(host?.after).toMatchObject({ key: 'host', name: 'Hébergeur' });
    },
  );

  it('gives an admin the values (never the secret)', async () => {
    const { token } = await api.key('admin', [ORG.slug]);
    const res = await as(token).get(`${org}/audit?entity=Alert channel`).expect(200);
    const update = (
      res.body as { action: string; before: { url: string }; after: { url: string; secret: string } }[]
    ).find((a) => a.action === 'update');
    expect(update?.before.url).toBe(HOOK);
    expect(update?.after.url).toBe(`${HOOK}-2`);
    expect(update?.after.secret).toBe('(secret)');
    expect(JSON.stringify(res.body)).not.toContain('a-webhook-secret');
  });
});
