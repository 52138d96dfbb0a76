// `node --import ./test/support/module-trace.mjs …`: appends every module URL the process loads
// to the file named by SOCDECK_MODULE_TRACE, so a test can tell what a command pulled in.
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.SOCDECK_MODULE_TRACE, r.url + '\\n');
  return r;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
