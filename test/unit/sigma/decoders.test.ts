import { describe, expect, it } from 'vitest';
import { decodeAuditd } from '../../../src/daemon/sigma/decoders/auditd.js';
import { decodeSyslogAuth } from '../../../src/daemon/sigma/decoders/syslog-auth.js';
import { decodeWebAccess } from '../../../src/daemon/sigma/decoders/web-access.js';
import { decodeNxlog, decodeWinlogbeat } from '../../../src/daemon/sigma/decoders/windows-json.js';
import { attackHintsOf } from '../../../src/daemon/sigma/sigma-alert.js';

describe('sigma line decoders', () => {
  it('auth syslog: sshd accepted / failed / invalid user, sudo, pam_unix', () => {
    expect(decodeSyslogAuth('Sep 30 12:45:00 server sshd[12354]: Accepted password for test from 10.0.0.102 port 56771 ssh2')).toEqual({
      fields: {
        timestamp: 'Sep 30 12:45:00',
        host: 'server',
        program: 'sshd',
        pid: '12354',
        message: 'Accepted password for test from 10.0.0.102 port 56771 ssh2',
        outcome: 'success',
        auth_method: 'password',
        user: 'test',
        src_ip: '10.0.0.102',
        src_port: '56771',
      },
    });
    expect(decodeSyslogAuth('Apr  6 18:51:41 eve sshd[2784424]: Failed password for invalid user root from 192.168.1.2 port 51182 ssh2')).toMatchObject({
      fields: { outcome: 'failure', invalid_user: 'true', user: 'root', src_ip: '192.168.1.2' },
    });
    expect(decodeSyslogAuth('Feb 12 14:10:21 sd-126005 sshd[16378]: Invalid user pascal from 35.188.49.176 port 53502')).toMatchObject({
      fields: { invalid_user: 'true', user: 'pascal', src_ip: '35.188.49.176', src_port: '53502' },
    });
    expect(decodeSyslogAuth('Mar  3 10:00:01 web-01 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/cat /etc/shadow')).toMatchObject({
      fields: { program: 'sudo', user: 'alice', USER: 'root', TTY: 'pts/0', PWD: '/home/alice', COMMAND: '/bin/cat /etc/shadow' },
    });
    expect(decodeSyslogAuth('Nov 2 15:40:14 workshop sshd[28179]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=5.33.63.160 user=workshop')).toMatchObject({
      fields: { pam_message: 'authentication failure', pam_rhost: '5.33.63.160', pam_user: 'workshop', src_ip: '5.33.63.160' },
    });
    expect(decodeSyslogAuth('2023-11-14T00:20:42.738197+01:00 myserver sshd[1112652]: User root from 192.168.1.1 not allowed')).toMatchObject({ fields: { host: 'myserver', program: 'sshd' } });
    expect(decodeSyslogAuth('{"not":"syslog"}')).toEqual({ error: expect.stringContaining('not a syslog line') });
  });

  it("auditd: key=value pairs, nested msg='...', hex EXECVE arguments and proctitle", () => {
    expect(decodeAuditd('type=EXECVE msg=audit(1696431282.553:8282): argc=3 a0="tcpdump" a1=2D63 a2="10"')).toEqual({
      fields: { type: 'EXECVE', timestamp: '1696431282.553', serial: '8282', argc: '3', a0: 'tcpdump', a1: '-c', a2: '10' },
    });
    expect(decodeAuditd('type=ADD_USER msg=audit(1.0:2): pid=1 uid=0 msg=\'op=add-user id=1001 exe="/usr/sbin/useradd" res=success\'')).toMatchObject({
      fields: { type: 'ADD_USER', op: 'add-user', exe: '/usr/sbin/useradd', res: 'success' },
    });
    expect(decodeAuditd('type=PROCTITLE msg=audit(1.0:3): proctitle=6C73002D6C61')).toMatchObject({ fields: { proctitle: 'ls -la' } });
    expect(decodeAuditd('hello')).toEqual({ error: expect.stringContaining('not an auditd record') });
  });

  it('web access: combined and common formats as W3C fields', () => {
    expect(decodeWebAccess('195.54.160.135 - - [08/Jun/2020:08:04:43 +0000] "GET /solr/admin/info/system?wt=json HTTP/1.1" 500 803 "-" "Mozilla/5.0"')).toEqual({
      fields: {
        'c-ip': '195.54.160.135',
        'cs-username': undefined,
        timestamp: '08/Jun/2020:08:04:43 +0000',
        'cs-method': 'GET',
        'c-uri': '/solr/admin/info/system?wt=json',
        'cs-uri-stem': '/solr/admin/info/system',
        'cs-uri-query': 'wt=json',
        'cs-version': 'HTTP/1.1',
        'sc-status': 500,
        'sc-bytes': 803,
        'cs-referer': '',
        'c-useragent': 'Mozilla/5.0',
      },
    });
    expect(decodeWebAccess('172.17.0.1 - bob [30/Sep/2021:08:00:55 +0000] "GET /.htpasswd HTTP/1.1" 403 199')).toMatchObject({ fields: { 'cs-username': 'bob', 'sc-status': 403 } });
    expect(decodeWebAccess('[Thu Oct 13 12:24:49.880562 2022] [auth_basic:error] AH01618')).toEqual({ error: expect.stringContaining('not an access-log line') });
  });

  it('winlogbeat and NXLog JSON: event data as top-level Sigma fields', () => {
    const wlb = JSON.stringify({
      '@timestamp': '2024-01-01T00:00:00Z',
      host: { name: 'WS1' },
      winlog: {
        event_id: '1',
        channel: 'Microsoft-Windows-Sysmon/Operational',
        provider_name: 'Microsoft-Windows-Sysmon',
        computer_name: 'WS1.corp',
        event_data: { Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd /c whoami' },
      },
    });
    expect(decodeWinlogbeat(wlb)).toMatchObject({
      fields: { EventID: 1, Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd /c whoami', Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'WS1.corp', host: { name: 'WS1' } },
    });
    expect(decodeWinlogbeat('{"message":"x"}')).toEqual({ error: expect.stringContaining('no winlog.event_id') });
    expect(decodeNxlog('{"EventID":4625,"Hostname":"DC1","SourceName":"Microsoft-Windows-Security-Auditing","TargetUserName":"admin","IpAddress":"10.1.1.1"}')).toMatchObject({
      fields: { EventID: 4625, Computer: 'DC1', Provider_Name: 'Microsoft-Windows-Security-Auditing', TargetUserName: 'admin' },
    });
    expect(decodeNxlog('not json')).toEqual({ error: expect.stringContaining('invalid JSON') });
  });

  it('ATT&CK hints from rule tags: techniques, with the tactic when the rule names exactly one', () => {
    expect(attackHintsOf(['attack.persistence', 'attack.t1136.001', 'attack.g0032'])).toEqual([{ technique: 'T1136.001', tactic: 'persistence' }]);
    expect(attackHintsOf(['attack.privilege-escalation', 'attack.persistence', 'attack.t1098', 'cve.2021-44228'])).toEqual([{ technique: 'T1098' }]);
  });
});
