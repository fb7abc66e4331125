// A labelled range input with its value written beside it (and announced), in percent or plain.
import { useId } from 'react';

export interface SliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  format(v: number): string;
  onChange(v: number): void;
  testId?: string;
}

export function Slider(p: SliderProps) {
  const id = useId();
  return (
    <div className="slider">
      <label htmlFor={id}>{p.label}</label>
      <input
        id={id}
        type="range"
        min={p.min}
        max={p.max}
        step={p.step}
        value={p.value}
        aria-valuetext={p.format(p.value)}
        onChange={(e) => p.onChange(Number(e.target.value))}
        data-testid={p.testId}
      />
      <output htmlFor={id}>{p.format(p.value)}</output>
    </div>
  );
}
