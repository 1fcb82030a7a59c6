import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyClass } from '../src/keyclass.js';

const cases = [
  // [key, code, class]
  ['a', 'KeyA', 0], ['Z', 'KeyZ', 0], ['é', 'Digit2', 0], ['ж', 'KeyF', 0], ['ß', 'Minus', 0],
  ['7', 'Digit7', 1], ['3', 'Numpad3', 1],
  [' ', 'Space', 2],
  ['Backspace', 'Backspace', 3], ['Delete', 'Delete', 3],
  ['Shift', 'ShiftLeft', 4], ['Control', 'ControlRight', 4], ['Alt', 'AltLeft', 4], ['Meta', 'MetaLeft', 4],
  ['AltGraph', 'AltRight', 4], ['CapsLock', 'CapsLock', 4],
  ['Tab', 'Tab', 5], ['ArrowLeft', 'ArrowLeft', 5], ['Home', 'Home', 5], ['PageDown', 'PageDown', 5],
  ['.', 'Period', 6], ['!', 'Digit1', 6], ['@', 'Digit2', 6], ['-', 'Minus', 6], ['€', 'KeyE', 6],
  ['Enter', 'Enter', 7], ['Enter', 'NumpadEnter', 7],
  ['Escape', 'Escape', 8], ['F5', 'F5', 8], ['Insert', 'Insert', 8],
  // No printable key: the physical key decides.
  ['Dead', 'BracketLeft', 6], ['Dead', 'KeyE', 0], ['Process', 'KeyK', 0], ['Unidentified', 'Digit4', 1],
  ['Unidentified', '', 8], [undefined, undefined, 8]
];

test('maps every kind of key to its wire class', () => {
  for (const [key, code, cls] of cases) {
    assert.equal(keyClass({ key, code }), cls, `key ${JSON.stringify(key)} code ${code}`);
  }
});

test('returns only a class code, whatever the key', () => {
  for (const [key, code] of cases) {
    const c = keyClass({ key, code });
    assert.ok(Number.isInteger(c) && c >= 0 && c <= 8);
  }
});
