/**
 * Amounts as parents read them in the procedure: « 225,00 € ». Plain spaces (thousands and before
 * the sign) rather than Intl's narrow no-break spaces, so that the text is the same everywhere.
 */
export function formatEuros(cents: number): string {
  const euros = Math.trunc(cents / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const rest = Math.abs(cents % 100)
    .toString()
    .padStart(2, '0');
  return `${euros},${rest} €`;
}
