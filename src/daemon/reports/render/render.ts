import type { ReportDoc } from '../document.js';
import type { ReportFormat } from '../report-kinds.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';

export function renderDoc(doc: ReportDoc, format: ReportFormat): string {
  return format === 'html' ? renderHtml(doc) : renderMarkdown(doc);
}
