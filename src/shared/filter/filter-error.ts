/** A filter that does not parse; `column` is 1-based so it can point under the prompt text. */
export class FilterError extends Error {
  constructor(
    readonly column: number,
    readonly reason: string,
  ) {
    super(`column ${column}: ${reason}`);
    this.name = 'FilterError';
  }
}
