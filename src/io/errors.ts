// Errors caused by the user's input (exit code 2), kept apart from bugs (exit code 1). They live
// in src/model/errors.ts (pure code raises them too); the loaders import them from here.
export {
  EXCERPT_CHARS,
  ExpressionValueError,
  InputError,
  clip,
  type InputErrorOptions,
  type InputLocation,
  excerpt,
  formatInputError,
  isInputError,
} from '../model/errors.js';
