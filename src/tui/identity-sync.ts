import type { DaemonLike } from './triage-actions.js';
import type { ViewStore } from './view-store.js';

/** `analyst · acme,globex` or `lead · all customers`; `→ acme` when `:customer` narrowed it. */
export function describeScope(role: string, customers: readonly string[] | 'all', narrowed: string | undefined): string {
  const own = customers === 'all' ? 'all customers' : customers.join(',');
  return narrowed ? `${role} · ${own} → ${narrowed}` : `${role} · ${own}`;
}

/**
 * After each handshake: who the token says we are, and the `:customer` narrowing again (the
 * daemon forgets it with the connection).
 */
export async function syncIdentity(store: ViewStore, daemon: DaemonLike): Promise<void> {
  const customer = store.getState().customer;
  if (customer) await daemon.request('session.narrow', { customer });
  const me = await daemon.request('auth.whoami');
  store.update({ actor: me.name, scope: describeScope(me.role, me.customers, customer) });
}

/** `:customer NAME|all`: narrows every view to one of the user's customers, or back to all. */
export async function switchCustomer(store: ViewStore, daemon: DaemonLike, name: string): Promise<string> {
  await daemon.request('session.narrow', { customer: name });
  store.update({ customer: name === 'all' ? undefined : name });
  await syncIdentity(store, daemon);
  return name === 'all' ? 'showing all your customers' : `showing customer ${name} only`;
}
