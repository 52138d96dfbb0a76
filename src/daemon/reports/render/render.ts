import { displaySafe } from '../../../shared/display-safe.js';
import type { ReportDoc } from '../document.js';
import type { ReportFormat } from '../report-kinds.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';

/** Report text quotes alert and finding fields, so the file is passed through the display sanitiser (it is read in terminals too). */
export function renderDoc(doc: ReportDoc, format: ReportFormat): string {
  return displaySafe(format === 'html' ? renderHtml(doc) : renderMarkdown(doc), { keepLayout: true });
}
