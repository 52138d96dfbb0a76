import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TerminalHandOff } from './terminal-handoff.js';

/** Lines starting with this are instructions to the analyst, removed from the note. */
export const NOTE_COMMENT = '# socdeck:';

/** $VISUAL first (a full-screen editor is what it names), then $EDITOR, then vi, as git and crontab do. */
export function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.VISUAL?.trim() || env.EDITOR?.trim() || 'vi';
}

export type EditResult = { kind: 'text'; text: string } | { kind: 'empty' } | { kind: 'failed'; reason: string };

/**
 * Lets the analyst write text in their editor. The file lives in a fresh private directory
 * (mkdtemp makes it 0700, the file is 0600: notes can hold customer details) and both are
 * removed afterwards, whatever happened. `check` may refuse the text; the editor then opens
 * again on it with the reason on top, so nothing typed is lost.
 */
export function editInEditor(terminal: TerminalHandOff, header: string, check: (text: string) => string | undefined, env: NodeJS.ProcessEnv = process.env): EditResult {
  const dir = mkdtempSync(join(tmpdir(), 'socdeck-note-'));
  const file = join(dir, 'note.md');
  const editor = editorCommand(env);
  try {
    let body = '';
    let problem: string | undefined;
    for (;;) {
      const comments = [header, ...(problem ? [problem] : [])].map((line) => `${NOTE_COMMENT} ${line}`);
      writeFileSync(file, `${comments.join('\n')}\n${body}`, { mode: 0o600 });
      const run = terminal.run(editor, [file]);
      if (!run.ok) return { kind: 'failed', reason: `editor "${editor}" failed (${run.reason}); no note added` };
      body = stripComments(readFileSync(file, 'utf8'));
      if (body === '') return { kind: 'empty' };
      problem = check(body);
      if (!problem) return { kind: 'text', text: body };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.startsWith(NOTE_COMMENT))
    .join('\n')
    .trim();
}
