/** A raw line decoded into its fields, or why the line is not in the decoder's format. */
export type DecodeResult = { fields: Record<string, unknown> } | { error: string };

export type Decoder = (line: string) => DecodeResult;
