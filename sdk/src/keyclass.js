// Key classes of wire format v1 (docs/wire-format.md, "Codes"); the order is the code.
export const LETTER = 0, DIGIT = 1, SPACE = 2, BACKSPACE = 3, MODIFIER = 4,
  NAVIGATION = 5, PUNCTUATION = 6, ENTER = 7, OTHER = 8;

const NAMED = {
  Backspace: BACKSPACE, Delete: BACKSPACE,
  Enter: ENTER,
  Shift: MODIFIER, Control: MODIFIER, Alt: MODIFIER, AltGraph: MODIFIER, Meta: MODIFIER,
  CapsLock: MODIFIER, OS: MODIFIER, Fn: MODIFIER, Hyper: MODIFIER, Super: MODIFIER,
  Tab: NAVIGATION, Home: NAVIGATION, End: NAVIGATION, PageUp: NAVIGATION, PageDown: NAVIGATION,
  ArrowUp: NAVIGATION, ArrowDown: NAVIGATION, ArrowLeft: NAVIGATION, ArrowRight: NAVIGATION,
  Up: NAVIGATION, Down: NAVIGATION, Left: NAVIGATION, Right: NAVIGATION,
  Spacebar: SPACE
};

/**
 * The class of the key a KeyboardEvent is about. Only this number leaves the function: the key
 * and the field's content are never stored or returned.
 */
export function keyClass(e) {
  const key = typeof e.key === 'string' ? e.key : '';
  if (key in NAMED) return NAMED[key];
  // One character: a printable key. Classify the character without keeping it.
  if ([...key].length === 1) {
    if (key === ' ') return SPACE;
    if (/\p{Nd}/u.test(key)) return DIGIT;
    if (/\p{L}|\p{M}/u.test(key)) return LETTER;
    return PUNCTUATION;
  }
  // "Dead" (accents), "Unidentified", "Process" (IME) and old browsers: fall back to the
  // physical key, which says which kind of key was pressed but not what it produced.
  const code = typeof e.code === 'string' ? e.code : '';
  if (/^Key[A-Z]$/.test(code)) return LETTER;
  if (/^(Digit|Numpad)\d$/.test(code)) return DIGIT;
  if (code === 'Space') return SPACE;
  if (code === 'Enter' || code === 'NumpadEnter') return ENTER;
  if (code in NAMED) return NAMED[code];
  if (/^(Shift|Control|Alt|Meta)(Left|Right)$/.test(code)) return MODIFIER;
  if (/^(Minus|Equal|Bracket(Left|Right)|Backslash|Semicolon|Quote|Backquote|Comma|Period|Slash|IntlBackslash|Numpad(Add|Subtract|Multiply|Divide|Decimal|Comma))$/.test(code)) {
    return PUNCTUATION;
  }
  return OTHER;
}
