import { describe, expect, it } from 'vitest';
import { parseAuthFailure } from '../../../src/daemon/scan/ssh-auth-methods.js';

describe('OpenSSH client stderr → advertised auth methods', () => {
  it.each([
    { stderr: 'socdeck-probe@127.0.0.1: Permission denied (publickey,password,keyboard-interactive).\r\n', want: { methods: ['publickey', 'password', 'keyboard-interactive'] } },
    { stderr: 'socdeck-probe@10.0.0.5: Permission denied (publickey).\r\n', want: { methods: ['publickey'] } },
    { stderr: 'socdeck-probe@host: Permission denied (publickey,gssapi-keyex,gssapi-with-mic,password).\r\n', want: { methods: ['publickey', 'gssapi-keyex', 'gssapi-with-mic', 'password'] } },
  ])('$want.methods', ({ stderr, want }) => {
    expect(parseAuthFailure(stderr)).toEqual(want);
  });

  it.each([
    { stderr: 'ssh: connect to host 127.0.0.1 port 1: Connection refused\r\n', reason: 'ssh gave no method list: ssh: connect to host 127.0.0.1 port 1: Connection refused' },
    {
      stderr: '\r\nkex_exchange_identification: Connection closed by remote host\r\nConnection closed by 127.0.0.1 port 2222\r\n',
      reason: 'ssh gave no method list: kex_exchange_identification: Connection closed by remote host',
    },
    { stderr: '', reason: 'ssh gave no method list' },
  ])('no list: $reason', ({ stderr, reason }) => {
    expect(parseAuthFailure(stderr)).toEqual({ reason });
  });
});
