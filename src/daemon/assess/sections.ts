/** The seven sections of the quarterly Security Assessment Report, in report order. */
export const SECTIONS = ['architecture', 'cloud_business', 'cloud_config', 'domain', 'host', 'network', 'application'] as const;
export type SectionId = (typeof SECTIONS)[number];
