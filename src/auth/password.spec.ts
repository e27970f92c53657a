import { hashPassword, oneTimePassword, passwordProblem, verifyPassword } from './password';

describe('passwords', () => {
  it('stores a salted scrypt hash that verifies the password and only it', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(hash).not.toContain('correct');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await hashPassword('correct horse battery')).not.toBe(hash);
  });

  it('never matches a malformed or foreign hash', async () => {
    for (const stored of [
      '',
      'plain',
      'scrypt$1$2$3',
      'bcrypt$x$y$z$a$b',
      'scrypt$0$8$1$c2FsdA$aGFzaA',
      'scrypt$2097152$8$1$c2FsdA$aGFzaA',
    ]) {
      expect(await verifyPassword('x', stored)).toBe(false);
    }
  });

  it('refuses short or blank passwords and makes readable one-time ones', () => {
    expect(passwordProblem('short')).toMatch(/at least 12/);
    expect(passwordProblem(' '.repeat(12))).toMatch(/blank/);
    expect(passwordProblem('a good long passphrase')).toBeUndefined();
    const otp = oneTimePassword();
    expect(otp).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(passwordProblem(otp)).toBeUndefined();
    expect(oneTimePassword()).not.toBe(otp);
  });
});
