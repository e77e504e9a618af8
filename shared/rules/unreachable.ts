// The default branch of an exhaustive switch: a value TypeScript proves cannot arrive, so a new
// operator or operand kind left unhandled is a compile error, not a silent fallback.

export function unreachable(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
