// Text checks shared by the schemas of ids, codes and names.

/** Whether a string has no control characters (U+0000–U+001F, U+007F). */
export const isPrintable = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20 || c === 0x7f) return false
  }
  return true
}

/** Whether a string is printable and has no whitespace. */
export const isToken = (s: string): boolean => isPrintable(s) && !/\s/.test(s)
