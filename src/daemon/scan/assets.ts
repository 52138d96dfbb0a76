import { z } from 'zod';
import { defineModule } from '../module.js';
import { ASSETS } from '../collections.js';

export const Asset = z
  .object({
    name: z.string().min(1).max(128),
    customer: z.string().min(1).max(64).default('default'),
    hosts: z.array(z.string().min(1)).default([]),
    cidrs: z.array(z.string().min(1)).default([]),
    domains: z.array(z.string().min(1)).default([]),
    urls: z.array(z.string().url()).default([]),
    owner: z.string().optional(),
    business: z.string().optional(),
    tags: z.array(z.string()).default([]),
  })
  .strict();
export type Asset = z.infer<typeof Asset>;

// An absent section arrives as {}; it means no assets.
export const AssetsConfig = z.preprocess(
  (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0 ? [] : v),
  z.array(Asset).superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((a, i) => {
      if (seen.has(a.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate asset name ${a.name}` });
      seen.add(a.name);
    });
  }),
);

/** What a scan of the asset touches: hosts, CIDRs, domains and the hosts of its URLs. */
export function assetTargets(a: Asset): string[] {
  return [...new Set([...a.hosts, ...a.cidrs, ...a.domains, ...a.urls.map((u) => new URL(u).hostname)])];
}

/**
 * The asset inventory from the `assets` config section, published into the store so scans,
 * the intel matcher and reports read one list.
 */
export const assetsModule = () =>
  defineModule<Asset[]>({
    name: 'assets',
    configSchema: AssetsConfig,
    async start(ctx) {
      // Assets a cloud sync made (tagged `synced`) or an assessment found behind a domain (tagged
      // `discovered`) belong to those, not to this config section.
      const stale = ctx.store.values<Asset>(ASSETS).filter((old) => !old.tags.includes('synced') && !old.tags.includes('discovered') && !ctx.config.some((a) => a.name === old.name));
      await ctx.store.commit([...stale.map((a) => ({ op: 'del' as const, coll: ASSETS, id: a.name })), ...ctx.config.map((a) => ({ op: 'put' as const, coll: ASSETS, id: a.name, value: a }))]);
    },
    stop() {},
  });
