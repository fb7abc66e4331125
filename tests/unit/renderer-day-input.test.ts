// The app's date fields read and write dd/mm/yyyy whatever the OS's locale (the native date field
// showed mm/dd/yyyy on an English system with the app in French).
import { describe, expect, it } from 'vitest';
import { dayToInput, parseDayInput } from '../../src-renderer/src/lib/day-input';

describe('day fields', () => {
  it('show a business day as dd/mm/yyyy, and nothing for what is not one', () => {
    expect(dayToInput('2025-03-31')).toBe('31/03/2025');
    expect(dayToInput('2024-02-29')).toBe('29/02/2024');
    expect(dayToInput('')).toBe('');
    expect(dayToInput('2025-02-30')).toBe('');
  });

  it('read the ways a controller types a day', () => {
    const day = (s: string) => parseDayInput(s);
    expect(day('31/03/2025')).toEqual({ ok: true, day: '2025-03-31' });
    expect(day(' 1/4/2025 ')).toEqual({ ok: true, day: '2025-04-01' });
    expect(day('01.04.2025')).toEqual({ ok: true, day: '2025-04-01' });
    expect(day('01-04-2025')).toEqual({ ok: true, day: '2025-04-01' });
    expect(day('01/04/25')).toEqual({ ok: true, day: '2025-04-01' });
    expect(day('01042025')).toEqual({ ok: true, day: '2025-04-01' });
    // Pasted from an export's file name.
    expect(day('2025-04-01')).toEqual({ ok: true, day: '2025-04-01' });
    // Day first, never month first: 04/01 is the 4th of January.
    expect(day('04/01/2025')).toEqual({ ok: true, day: '2025-01-04' });
  });

  it('say why an entry is refused', () => {
    expect(parseDayInput('')).toEqual({ ok: false, error: 'format' });
    expect(parseDayInput('mars 2025')).toEqual({ ok: false, error: 'format' });
    expect(parseDayInput('1/2025')).toEqual({ ok: false, error: 'format' });
    expect(parseDayInput('31/02/2025')).toEqual({ ok: false, error: 'invalid' });
    expect(parseDayInput('29/02/2025')).toEqual({ ok: false, error: 'invalid' });
    expect(parseDayInput('29/02/2024')).toEqual({ ok: true, day: '2024-02-29' });
    expect(parseDayInput('12/13/2025')).toEqual({ ok: false, error: 'invalid' });
    const bounds = { min: '2023-01-01', max: '2025-06-30' };
    expect(parseDayInput('31/12/2022', bounds)).toEqual({ ok: false, error: 'before' });
    expect(parseDayInput('01/07/2025', bounds)).toEqual({ ok: false, error: 'after' });
    expect(parseDayInput('01/01/2023', bounds)).toEqual({ ok: true, day: '2023-01-01' });
    expect(parseDayInput('30/06/2025', bounds)).toEqual({ ok: true, day: '2025-06-30' });
  });
});
