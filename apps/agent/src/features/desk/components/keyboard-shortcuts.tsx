/**
 * Keyboard shortcuts for the actions an agent repeats all day. Alt+letter, because plain
 * letters would fire while typing notes and Ctrl+letter is taken by the browser.
 */
import { useEffect } from 'react';
import type { CallActions } from '../use-call-actions';

export const SHORTCUTS = [
  { keys: 'Alt+A', aria: 'Alt+A', action: 'Answer', run: (a: CallActions) => a.answer() },
  { keys: 'Alt+R', aria: 'Alt+R', action: 'Reject', run: (a: CallActions) => a.reject() },
  { keys: 'Alt+H', aria: 'Alt+H', action: 'Hang up', run: (a: CallActions) => a.hangUp() },
  { keys: 'Alt+L', aria: 'Alt+L', action: 'Hold / Resume', run: (a: CallActions) => a.toggleHold() },
  { keys: 'Alt+M', aria: 'Alt+M', action: 'Mute / Unmute', run: (a: CallActions) => a.toggleMute() },
] as const;

export function shortcutFor(action: (typeof SHORTCUTS)[number]['action']): string {
  return SHORTCUTS.find((s) => s.action === action)?.aria ?? '';
}

export function useKeyboardShortcuts(actions: CallActions): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
      const shortcut = SHORTCUTS.find((s) => s.keys === `Alt+${event.code.replace(/^Key/, '')}`);
      if (!shortcut) return;
      event.preventDefault();
      shortcut.run(actions);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}

export function ShortcutHelp() {
  return (
    <section className="card" aria-labelledby="desk-shortcuts-title">
      <h2 id="desk-shortcuts-title">Keyboard shortcuts</h2>
      <dl className="ccx-details">
        {SHORTCUTS.map((s) => (
          <div key={s.keys} style={{ display: 'contents' }}>
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{s.action}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
