import { mongodbNoAuth } from './mongodb-check.js';
import { dockerApi, elasticsearchOpen, etcdOpen, memcachedStats, redisUnauth, zookeeperStat } from './service-checks.js';
import { sshPasswordAuth } from './ssh-password-check.js';
import { weakTls } from './tls-check.js';
import type { ServiceCheck } from './types.js';
import { backupFiles, defaultPage, directoryListing, envExposed, gitExposed, securityHeaders, versionDisclosure } from './web-checks.js';

/** Every check a full scan runs against each fingerprinted open port it applies to. */
export const ALL_CHECKS: readonly ServiceCheck[] = [
  redisUnauth,
  memcachedStats,
  zookeeperStat,
  elasticsearchOpen,
  dockerApi,
  etcdOpen,
  mongodbNoAuth,
  sshPasswordAuth,
  weakTls,
  gitExposed,
  envExposed,
  backupFiles,
  directoryListing,
  defaultPage,
  securityHeaders,
  versionDisclosure,
];

export function checkById(id: string): ServiceCheck | undefined {
  return ALL_CHECKS.find((c) => c.id === id);
}
