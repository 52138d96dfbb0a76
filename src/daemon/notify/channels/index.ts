import type { ChannelType } from '../notify-config.js';
import type { ChannelDriver } from './channel.js';
import { dingtalk } from './dingtalk.js';
import { feishu } from './feishu.js';
import { slack } from './slack.js';
import { webhook } from './webhook.js';
import { wecom } from './wecom.js';

export const CHANNEL_DRIVERS: Record<ChannelType, ChannelDriver> = { wecom, dingtalk, feishu, slack, webhook };
