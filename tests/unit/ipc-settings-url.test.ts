import { describe, expect, it } from 'vitest';
import { pgUrlProblem } from '../../src-shared/ipc/channels/settings';

describe('central connection URL from the renderer', () => {
  it('accepts ordinary PostgreSQL URLs', () => {
    for (const url of [
      'postgres://alice@db.example.com/epm',
      'postgresql://alice:s%C3%A9cret@10.0.0.5:6432/epm?sslmode=require',
      'postgres://bob@[::1]:5432/epm?application_name=epm&connect_timeout=5',
    ])
      expect(pgUrlProblem(url)).toBeNull();
  });

  it('refuses what the driver would choke on or use to read local files', () => {
    expect(pgUrlProblem('mysql://a@b/c')).toBe('must be a postgres:// URL');
    expect(pgUrlProblem('postgres://a@[::1/c')).toBe('is not a valid URL');
    expect(pgUrlProblem('postgres://a@host:70000/c')).toMatch(/not a valid URL|invalid port/);
    expect(pgUrlProblem('postgres://a%E0%A4@host/c')).toBe('has an invalid percent-escape');
    expect(pgUrlProblem('postgres://a@host/c?application_name=%E0%A4%A')).toBe(
      'has an invalid percent-escape',
    );
    expect(pgUrlProblem('postgres://a@host/c?sslkey=/home/u/.ssh/id_rsa')).toBe(
      'may not set the parameter "sslkey"',
    );
    expect(pgUrlProblem('postgres://a@host/c?sslcert=/etc/passwd')).toMatch(/sslcert/);
  });
});
