import { ScriptError } from '../errors';
import { Fake } from '../realm';
import type { ValidationRule } from '../workbook';

export class FakeDataValidation extends Fake {
  readonly className = 'DataValidation';
  constructor(readonly rule: ValidationRule) {
    super();
  }
  getCriteriaType(): string {
    return this.rule.criteria;
  }
  getCriteriaValues(): unknown[] {
    return structuredClone(this.rule.values);
  }
  getAllowInvalid(): boolean {
    return this.rule.allowInvalid;
  }
  getHelpText(): string | null {
    return this.rule.helpText || null;
  }
  copy(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder({ ...this.rule, values: structuredClone(this.rule.values) });
  }
}

export class FakeDataValidationBuilder extends Fake {
  readonly className = 'DataValidationBuilder';
  private rule: ValidationRule;

  constructor(rule?: ValidationRule) {
    super();
    // New rules accept invalid input with a warning unless told otherwise (Apps Script's default).
    this.rule = rule ?? { criteria: '', values: [], allowInvalid: true, helpText: '' };
  }
  requireValueInList(values: unknown[], showDropdown = true): this {
    this.rule.criteria = 'VALUE_IN_LIST';
    this.rule.values = [Array.from(values, (v) => (typeof v === 'string' ? v : String(v))), showDropdown];
    return this;
  }
  requireCheckbox(checked?: unknown, unchecked?: unknown): this {
    this.rule.criteria = 'CHECKBOX';
    this.rule.values =
      checked === undefined ? [] : unchecked === undefined ? [checked] : [checked, unchecked];
    return this;
  }
  setAllowInvalid(allowInvalidData: boolean): this {
    this.rule.allowInvalid = !!allowInvalidData;
    return this;
  }
  setHelpText(helpText: string): this {
    this.rule.helpText = String(helpText);
    return this;
  }
  getCriteriaType(): string {
    return this.rule.criteria;
  }
  getCriteriaValues(): unknown[] {
    return structuredClone(this.rule.values);
  }
  build(): FakeDataValidation {
    if (!this.rule.criteria) throw new ScriptError('You must specify a criteria for data validation.');
    return new FakeDataValidation({ ...this.rule, values: structuredClone(this.rule.values) });
  }
}
