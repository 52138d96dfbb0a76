import { findExecutable } from '../executable.js';
import { sshAuthMethods } from '../ssh-auth-methods.js';
import type { ServiceCheck } from './types.js';

/** Methods that end at a typed secret: a password guess works against either. */
const PASSWORD_METHODS = new Set(['password', 'keyboard-interactive']);

/**
 * An SSH server that offers password logins is open to guessing and to credential stuffing.
 * `ssh` is the client binary's name, looked up on PATH per run (a parameter so a test can
 * name one that is missing).
 */
export function sshPasswordCheck(ssh = 'ssh'): ServiceCheck {
  return {
    id: 'ssh-password-auth',
    title: 'SSH server offers password authentication',
    severity: 'medium',
    remediationId: 'ssh-disable-password',
    appliesTo: (p) => p.service === 'ssh',
    async run(ctx) {
      const bin = findExecutable(ssh);
      if (!bin) return { skipped: `the OpenSSH client (${ssh}) is not on PATH; install openssh-client to ask servers for their auth methods` };
      const answer = await sshAuthMethods(bin, ctx.target.host, ctx.target.port, ctx.timeoutMs);
      if ('reason' in answer) return { skipped: answer.reason };
      return answer.methods.some((m) => PASSWORD_METHODS.has(m)) ? [{ evidence: `advertised auth methods: ${answer.methods.join(',')}` }] : [];
    },
  };
}

export const sshPasswordAuth = sshPasswordCheck();
