import type { Finding } from '../../shared/scan.js';
import { HIGH_RISK_CHECK, type Detection } from './findings.js';
import { parseNmapXml } from './engines/nmap-xml.js';
import { parseNucleiJsonl, type NucleiResult } from './engines/nuclei-jsonl.js';
import { loadHighRiskPorts } from './port-spec.js';

/**
 * Turns an engine report into detections. nmap contributes open high-risk ports (with the
 * service it identified); nuclei contributes each template match.
 */
export function engineDetections(engine: 'nmap' | 'nuclei', name: string, content: string, customer: string, assetOf: (host: string) => string): { detections: Detection[]; errors: string[] } {
  if (engine === 'nmap') {
    const report = parseNmapXml(content, name);
    const highRisk = new Map(loadHighRiskPorts().map((p) => [p.port, p]));
    const detections: Detection[] = [];
    for (const h of report.hosts) {
      for (const p of h.ports) {
        const hr = highRisk.get(p.port);
        if (p.state !== 'open' || p.protocol !== 'tcp' || !hr) continue;
        const svc = [p.service, p.product, p.version].filter(Boolean).join(' ');
        detections.push({
          customer,
          asset: assetOf(h.address),
          host: h.address,
          port: p.port,
          checkId: HIGH_RISK_CHECK,
          title: `High-risk port ${p.port}/${hr.service} open`,
          severity: 'medium',
          remediationId: 'close-port',
          evidence: `nmap: ${h.address}:${p.port} open${svc ? ` (${svc})` : ''}: ${hr.reason}`,
          source: 'nmap',
        });
      }
    }
    return { detections, errors: report.error ? [`${name}: nmap reported an error: ${report.error}`] : [] };
  }
  const { results, errors } = parseNucleiJsonl(content, name);
  return { detections: results.map((r) => nucleiDetection(r, customer, assetOf(r.host))), errors };
}

/** One nuclei match as a finding detection: the template is the check. */
export function nucleiDetection(r: NucleiResult, customer: string, asset: string): Detection {
  return {
    customer,
    asset,
    host: r.host,
    ...(r.port !== undefined ? { port: r.port } : {}),
    ...(r.matchedAt ? { url: r.matchedAt } : {}),
    checkId: `nuclei:${r.templateId}`,
    title: `${r.name}${r.cves.length ? ` (${r.cves.join(', ')})` : ''}`,
    severity: r.severity,
    remediationId: 'engine-finding',
    evidence: r.evidence,
    source: 'nuclei' satisfies Finding['source'],
  };
}
