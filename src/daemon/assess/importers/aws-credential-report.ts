import type { Fact } from '../fact.js';
import type { Importer } from './types.js';

const HEADER = 'user,arn,user_creation_time,password_enabled';

/** `aws iam get-credential-report` (the decoded CSV). The root user is the `<root_account>` row. */
export const awsCredentialReport: Importer = {
  name: 'aws-credential-report',
  detect: (_c, text) => text.startsWith(HEADER),
  import(_content, text, file) {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    const cols = lines[0]!.split(',');
    const need = ['user', 'password_enabled', 'mfa_active', 'access_key_1_active', 'access_key_2_active'];
    for (const n of need) if (!cols.includes(n)) throw new Error(`${file}:1: credential report has no "${n}" column`);
    return lines.slice(1).map((line, i): Fact => {
      const cells = line.split(',');
      if (cells.length !== cols.length) throw new Error(`${file}:${i + 2}: expected ${cols.length} columns, got ${cells.length}`);
      const row = Object.fromEntries(cols.map((c, j) => [c, cells[j]!]));
      const root = row.user === '<root_account>';
      return {
        kind: 'iam_user',
        origin: `${file}:${i + 2}`,
        data: {
          vendor: 'aws',
          user: row.user,
          root,
          // The root row says not_supported: root always has a console password.
          passwordEnabled: root || row.password_enabled === 'true',
          mfa: row.mfa_active === 'true',
          accessKeyActive: row.access_key_1_active === 'true' || row.access_key_2_active === 'true',
          accessKeyLastUsed: [row.access_key_1_last_used_date, row.access_key_2_last_used_date]
            .filter((d) => d && d !== 'N/A')
            .sort()
            .at(-1),
        },
      };
    });
  },
};
