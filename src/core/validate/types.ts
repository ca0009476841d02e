/** One reason a value does not satisfy its schema. `path` is a JSON pointer into the value (`/arguments/items/2`). */
export interface ValidationIssue {
  path: string;
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationIssue[];
}

/** The verdict on one tool call: `valid` is `errors.length === 0`. */
export type CallValidationResult = ValidationResult;
