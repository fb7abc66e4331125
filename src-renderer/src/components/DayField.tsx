// A business-day field in the app's format (dd/mm/yyyy, see lib/day-input), whatever the
// browser's or the OS's locale, with the native calendar behind a button. What is typed is
// committed on Enter or when the field loses focus, never half-way (typing "1/" must not move
// the period); a wrong entry stays in the field, marked, with the reason, and changes nothing.
// Escape restores the current day; the arrow keys move it by a day within the bounds.
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../i18n';
import { addDays, clampDay, isIsoDay } from '../lib/dates';
import { dayToInput, parseDayInput, type DayInputError } from '../lib/day-input';
import { Icon } from './Icon';

export function DayField(p: {
  value: string;
  min?: string | undefined;
  max?: string | undefined;
  onCommit(day: string): void;
  ariaLabel?: string;
  testId?: string;
}) {
  const t = useT();
  const errorId = useId();
  const native = useRef<HTMLInputElement>(null);
  // null: the field shows the committed value; a string: what the user is typing.
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<DayInputError | null>(null);
  const bounds = { min: p.min, max: p.max };

  const commit = (day: string) => {
    setDraft(null);
    setError(null);
    if (day !== p.value) p.onCommit(day);
  };
  const settle = () => {
    if (draft === null) return;
    const r = parseDayInput(draft, bounds);
    if (r.ok) commit(r.day);
    else setError(r.error);
  };
  const step = (n: number) => {
    const typed = draft === null ? null : parseDayInput(draft);
    const from = typed?.ok ? typed.day : p.value;
    if (!isIsoDay(from)) return;
    commit(clampDay(addDays(from, n), p.min ?? '0000-01-01', p.max ?? '9999-12-31'));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      settle();
    } else if (e.key === 'Escape' && draft !== null) {
      e.preventDefault();
      setDraft(null);
      setError(null);
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      step(e.key === 'ArrowUp' ? 1 : -1);
    }
  };
  const message =
    error === 'before'
      ? t('day.error.before', { day: dayToInput(p.min ?? '') })
      : error === 'after'
        ? t('day.error.after', { day: dayToInput(p.max ?? '') })
        : error
          ? t(`day.error.${error}`)
          : null;

  return (
    <span className="day-field">
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        size={10}
        maxLength={10}
        placeholder={t('day.placeholder')}
        value={draft ?? dayToInput(p.value)}
        aria-label={p.ariaLabel}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        data-testid={p.testId}
        onChange={(e) => {
          setDraft(e.target.value);
          setError(null);
        }}
        onBlur={settle}
        onKeyDown={onKeyDown}
      />
      <button
        type="button"
        className="button button-icon day-field-calendar"
        title={t('day.calendar')}
        aria-label={t('day.calendar')}
        onClick={() => {
          try {
            native.current?.showPicker();
          } catch {
            // No picker (an old engine, or no user activation): typing still works.
          }
        }}
      >
        <Icon name="calendar" size={16} />
      </button>
      {/* The native field only hosts the calendar: hidden from the tab order and from readers. */}
      <input
        ref={native}
        type="date"
        className="day-field-native"
        tabIndex={-1}
        aria-hidden="true"
        value={isIsoDay(p.value) ? p.value : ''}
        min={p.min}
        max={p.max}
        onChange={(e) => isIsoDay(e.target.value) && commit(e.target.value)}
      />
      {message ? (
        <span id={errorId} className="day-field-error" role="alert">
          {message}
        </span>
      ) : null}
    </span>
  );
}
