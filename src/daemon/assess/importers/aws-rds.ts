import type { Fact } from '../fact.js';
import { asArray, asRecord, str, type Importer } from './types.js';

/** `aws rds describe-db-instances` output. */
export const awsRds: Importer = {
  name: 'aws-rds',
  detect: (c) => typeof c === 'object' && c !== null && Array.isArray((c as Record<string, unknown>).DBInstances),
  import(content, _text, file) {
    return asArray((content as Record<string, unknown>).DBInstances, `${file}: DBInstances`).map((d, i): Fact => {
      const where = `${file}#DBInstances[${i}]`;
      const db = asRecord(d, where);
      const endpoint = typeof db.Endpoint === 'object' && db.Endpoint !== null ? (db.Endpoint as Record<string, unknown>) : {};
      return {
        kind: 'database',
        origin: where,
        data: {
          vendor: 'aws',
          name: str(db.DBInstanceIdentifier, `${where}.DBInstanceIdentifier`),
          engine: String(db.Engine ?? 'unknown'),
          publiclyAccessible: db.PubliclyAccessible === true,
          encrypted: db.StorageEncrypted === true,
          endpoint: endpoint.Address ? `${String(endpoint.Address)}:${String(endpoint.Port ?? '')}` : undefined,
        },
      };
    });
  },
};
