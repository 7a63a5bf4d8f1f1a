import fc from 'fast-check';

/**
 * Arbitraries for hostile input, shared by the REST and socket fuzzers. Values are built as JSON *text*
 * where it matters, so keys such as `__proto__` reach the server literally instead of being eaten by
 * an object literal on the test side.
 */

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];

/** Strings that have broken services before: injection, wildcards, control and odd unicode, number look-alikes. */
export const NASTY_STRINGS = [
  '',
  ' ',
  'me',
  '0',
  '-1',
  '1.5',
  '1e3',
  '0x10',
  ' 1 ',
  'NaN',
  'Infinity',
  '9999999999999999999999',
  '2147483648',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '%',
  '_',
  '%_%',
  '\\',
  '\u0000',
  '\u0000abc',
  '\r\n\t',
  '\ud800',
  '\udfff',
  '\u202e\u0041',
  '\ufeff',
  '😀😀😀',
  '👨‍👩‍👧‍👦',
  '가나다라마바사아',
  'ﷺ',
  'e\u0301',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  ...PROTOTYPE_KEYS,
];

const hugeStrings = fc.constantFrom('x'.repeat(10_000), '가'.repeat(4_000), '😀'.repeat(3_000), 'a'.repeat(70_000));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: hugeStrings },
);

const hostileNumber = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e-308, Number.MAX_SAFE_INTEGER),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const key = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), hostileString.filter((s) => s.length < 200));

/** JSON text of an arbitrary hostile value: any type, nested objects and arrays, prototype keys. */
export const hostileJson: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('null', 'true', 'false'),
    hostileNumber.map((n) => JSON.stringify(n)),
    hostileString.map((s) => JSON.stringify(s)),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map(objectText),
  ),
})).value;

/** Nesting deep enough to break a recursive parser, validator or logger. */
export const deepJson = fc.constantFrom(
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
  `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`,
  `{"__proto__":${'{"__proto__":'.repeat(500)}{}${'}'.repeat(500)}}`,
);

export function objectText(pairs: readonly (readonly [string, string])[]): string {
  return `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}

/**
 * A body built from a valid one: each field kept, dropped or replaced by a hostile value, plus extra
 * (prototype) keys; or a body that is not an object at all.
 */
export function mutatedBody(valid: Record<string, unknown>): fc.Arbitrary<string> {
  const fields = Object.entries(valid).map(([name, value]) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constant([name, JSON.stringify(value)] as const) },
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 3, arbitrary: hostileJson.map((v) => [name, v] as const) },
    ),
  );
  const asObject = fc
    .tuple(fc.tuple(...fields), fc.array(fc.tuple(key, hostileJson), { maxLength: 3 }), fc.boolean())
    .map(([kept, extra, extraFirst]) => {
      const own = kept.filter((f): f is readonly [string, string] => f !== null);
      return objectText(extraFirst ? [...extra, ...own] : [...own, ...extra]);
    });
  return fc.oneof({ weight: 6, arbitrary: asObject }, { weight: 2, arbitrary: hostileJson }, { weight: 1, arbitrary: deepJson });
}

/** A path segment: a valid id, a hostile string (encoded), or raw bytes a careless router might choke on. */
export function hostileSegment(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 4, arbitrary: hostileString.filter((s) => s.length < 2_000).map(encodeSegment) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '%2F', '..', '%2e%2e', '%C0%AE', '%FF%FE') },
  );
}

/** encodeURIComponent, except that a lone surrogate becomes the invalid UTF-8 it would be on a careless wire. */
export function encodeSegment(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
}
