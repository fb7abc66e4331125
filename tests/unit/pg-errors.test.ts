// toAppError: every failure of the central side becomes a coded error that says what happened,
// without the URL's password.
import { describe, expect, it } from 'vitest';
import { reasonOf } from '../../src-shared/errors';
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

  it('says why, for the screens: out of reach (offline) apart from a refused login', () => {
    const coded = (code: string) => Object.assign(new Error('x'), { code });
    const reason = (e: unknown) => reasonOf(toAppError(e, URL_WITH_PASSWORD).toShape());
    for (const code of ['ECONNREFUSED', 'EHOSTUNREACH', 'ETIMEDOUT', '57P03']) {
      expect(reason(coded(code))).toBe('central_unreachable');
    }
    // A name that does not resolve: mistyped as often as offline.
    expect(reason(coded('ENOTFOUND'))).toBe('central_not_found');
    expect(reason(new Error('timeout expired'))).toBe('central_unreachable');
    expect(reason(new Error('Connection terminated unexpectedly'))).toBe('central_unreachable');
    expect(reason(coded('28P01'))).toBe('authentication_refused');
    // Permission on a table (RLS, grants) is not a refused login; unknown reasons are ignored.
    expect(reason(coded('42501'))).toBeNull();
    expect(
      reasonOf({ code: 'UNAVAILABLE', message: 'm', details: { reason: 'made_up' } }),
    ).toBeNull();
    expect(reasonOf({ code: 'UNAVAILABLE', message: 'm', details: null })).toBeNull();
  });

  it('an unrelated message that mentions a timeout stays INTERNAL', () => {
    expect(toAppError(new Error('statement timeout expired while waiting')).code).toBe('INTERNAL');
  });
});
