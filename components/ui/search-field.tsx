'use client';

// A list's search field: filters as you type; "/" anywhere on the page (outside another field)
// jumps into it, Escape clears it.
import { Search } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { inputClass } from './field';

function typingElsewhere(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function SearchField({
  label,
  value,
  onChange,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || typingElsewhere(event.target)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <label className="relative flex w-full items-center sm:max-w-sm">
      <span className="sr-only">{label}</span>
      <Search aria-hidden className="pointer-events-none absolute left-3 size-4 text-muted" />
      <input
        ref={input}
        type="search"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onChange('');
        }}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        aria-keyshortcuts="/"
        className={`${inputClass} pr-9 pl-9`}
      />
      <kbd
        aria-hidden
        className="pointer-events-none absolute right-3 hidden rounded border border-border px-1.5 text-xs text-muted sm:block"
      >
        /
      </kbd>
    </label>
  );
}
