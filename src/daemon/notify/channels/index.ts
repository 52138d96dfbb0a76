import type { HttpChannelType } from '../notify-config.js';
import { dingtalk } from './dingtalk.js';
import { feishu } from './feishu.js';
import type { HttpChannelDriver } from './http-driver.js';
import { slack } from './slack.js';
import { webhook } from './webhook.js';
import { wecom } from './wecom.js';

export const HTTP_DRIVERS: Record<HttpChannelType, HttpChannelDriver> = { wecom, dingtalk, feishu, slack, webhook };
