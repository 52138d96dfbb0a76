/**
 * THE message catalog for every report: English defines the keys, Simplified Chinese must
 * translate each one (the type checker enforces it). `{name}` placeholders are filled by Locale.t.
 */
import { EN, type MessageKey } from './messages-en.js';
import { ZH_CN } from './messages-zh-cn.js';

export type { MessageKey };

export const MESSAGES = { en: EN as Record<MessageKey, string>, 'zh-CN': ZH_CN } as const;
