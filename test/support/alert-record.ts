/**
 * A Suricata EVE alert record numbered `n`: a distinct source address per number (unless one is
 * given), so no two numbers share a dedup key and each becomes its own row.
 */
export function eveAlert(n: number, srcIp = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`) {
  return {
    timestamp: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString().replace('Z', '+0000'),
    event_type: 'alert',
    src_ip: srcIp,
    dest_ip: '127.0.0.1',
    dest_port: 443,
    proto: 'TCP',
    alert: { signature_id: 2100498, signature: 'GPL ATTACK_RESPONSE id check returned root', severity: 2 },
  };
}
