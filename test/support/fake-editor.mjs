// A real editor process for tests: EDITOR="<node> fake-editor.mjs". FAKE_EDITOR_PLAN names a JSON
// file { steps, seen }: each run follows the next step ({ append?, replace?, exit? }) and records
// what it was given (path, modes, content) in `seen`, so the test can check the hand-off.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const file = process.argv[2];
const planFile = process.env.FAKE_EDITOR_PLAN;
const plan = JSON.parse(readFileSync(planFile, 'utf8'));
const step = plan.steps[plan.seen.length] ?? {};
plan.seen.push({ file, mode: statSync(file).mode & 0o777, dirMode: statSync(dirname(file)).mode & 0o777, content: readFileSync(file, 'utf8') });
writeFileSync(planFile, JSON.stringify(plan));
if (step.replace !== undefined) writeFileSync(file, step.replace);
if (step.append !== undefined) writeFileSync(file, readFileSync(file, 'utf8') + step.append);
process.exit(step.exit ?? 0);
