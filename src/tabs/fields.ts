import type { Row } from '../sheet/table';
import { enumValue, text } from '../sheet/cells';

/** Collects a row's validation errors so that Detail names every column to fix, not only the first. */
export class Fields {
  readonly errors: string[] = [];

  constructor(private readonly row: Row) {}

  text(header: string, opts: { required?: string; max?: number } = {}): string {
    const raw = this.row.get(header);
    if (isSheetError(raw)) {
      this.errors.push(`${header} shows the spreadsheet error ${String(raw).trim()}: fix its formula.`);
      return '';
    }
    const value = cellText(raw);
    if (!value && opts.required) this.errors.push(opts.required);
    if (opts.max !== undefined && value.length > opts.max)
      this.errors.push(`${header} is ${value.length} characters long: Chat allows at most ${opts.max}.`);
    return value;
  }

  choice<T extends string>(header: string, allowed: readonly T[], fallback: T): T;
  choice<T extends string>(header: string, allowed: readonly T[]): T | '';
  choice<T extends string>(header: string, allowed: readonly T[], fallback?: T): T | '' {
    const raw = this.row.get(header);
    if (isSheetError(raw)) {
      this.errors.push(`${header} shows the spreadsheet error ${String(raw).trim()}: fix its formula.`);
      return fallback ?? '';
    }
    const value = typeof raw === 'boolean' ? (raw ? 'TRUE' : 'FALSE') : enumValue(cellText(raw));
    if (!value) return fallback ?? '';
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.errors.push(`${header} “${text(raw).slice(0, 40)}” is not one of ${allowed.join(', ')}.`);
    return fallback ?? '';
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  get reason(): string {
    return this.errors.join(' ');
  }
}

/** Cells as text; spreadsheet error values (#REF!, #N/A…) are reported, not used. */
export function cellText(value: unknown): string {
  if (value instanceof Date) return isNaN(value.getTime()) ? '' : value.toISOString();
  return text(value);
}

export function isSheetError(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    /^#(REF!|N\/A|NAME\?|VALUE!|DIV\/0!|NUM!|NULL!|ERROR!|SPILL!|CALC!)$/.test(value.trim())
  );
}
