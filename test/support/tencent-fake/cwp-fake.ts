import { CWP_LISTS } from './cwp-samples.js';
import { pagedList, type Params, type TencentFake } from './tencent-fake.js';

export type CwpAction = keyof typeof CWP_LISTS;

/** Serves the CWP event lists from arrays a test fills (and may add to between polls). */
export function serveCwp(fake: TencentFake): Record<CwpAction, Params[]> {
  const lists = Object.fromEntries(Object.keys(CWP_LISTS).map((a) => [a, [] as Params[]])) as Record<CwpAction, Params[]>;
  for (const [action, key] of Object.entries(CWP_LISTS) as [CwpAction, string][])
    fake.on(
      'cwp',
      action,
      pagedList(() => lists[action], key),
    );
  return lists;
}
