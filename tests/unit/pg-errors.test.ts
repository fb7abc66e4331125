// toAppError: every failure of the central side becomes a coded error that says what happened,
// without the URL's password.
import { describe, expect, it } from 'vitest';
import { toAppError } from '../../src-main/core/pg/connect';

const URL_WITH_PASSWORD = 'postgres://alice:s3cret@db.example:5432/epm';

describe('toAppError', () => {
  it("node-postgres's connection timeout is UNAVAILABLE, with the server but not the password", () => {
    const e = toAppError(new Error('timeout expired'), URL_WITH_PASSWORD);
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.message).toMatch(/central database unreachable .*db\.example.*no answer within/);
    expect(e.message).not.toContain('s3cret');
  });

  it('keeps the codes it had: refused, authentication, permission, cancelled', () => {
    const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });
    expect(toAppError(coded('ECONNREFUSED'), URL_WITH_PASSWORD).code).toBe('UNAVAILABLE');
    expect(toAppError(coded('28P01'), URL_WITH_PASSWORD).code).toBe('PERMISSION');
    expect(toAppError(coded('42501')).message).toMatch(/^permission denied by the central/);
    expect(toAppError(coded('57014', 'canceling statement')).message).toBe(
      'query cancelled: canceling statement',
    );
  });

  it('an unrelated message that mentions a timeout stays INTERNAL', () => {
    expect(toAppError(new Error('statement timeout expired while waiting')).code).toBe('INTERNAL');
  });
});
