import { RE2JS } from 're2js';

/** Longest `/regex/` a counter rule may hold, in characters. */
export const RULE_PATTERN_MAX_LENGTH = 1000;

/** A compiled `/regex/` of a counter rule: linear-time matching whatever the pattern. */
export interface RulePattern {
  /** Whether the pattern matches anywhere in `text` (case-insensitive). */
  test(text: string): boolean;
  /** The first capture group of the first match, or undefined. */
  capture(text: string): string | undefined;
}

const cache = new Map<string, RulePattern>();

/**
 * Compiles the body of a rule's `/regex/` (case-insensitive) with RE2JS, a port of RE2 that
 * matches in time linear in the input whatever the pattern: `/^(a+)+$/` cannot backtrack for
 * minutes as it does in JavaScript's engine. RE2 syntax is JavaScript's without backreferences
 * and lookaround; a pattern RE2 refuses, or one longer than {@link RULE_PATTERN_MAX_LENGTH},
 * throws a `SyntaxError` saying why. Compiled patterns are cached.
 *
 * @example
 * compileRulePattern('^(.+?)_(?:Legacy )?Network Adapter').capture('web01_Network Adapter') // => 'web01'
 */
export function compileRulePattern(body: string): RulePattern {
  const hit = cache.get(body);
  if (hit) return hit;
  if (body.length > RULE_PATTERN_MAX_LENGTH) throw new SyntaxError(`the pattern has ${body.length} characters, more than ${RULE_PATTERN_MAX_LENGTH}`);
  let re: RE2JS;
  try {
    re = RE2JS.compile(body, RE2JS.CASE_INSENSITIVE);
  } catch (e) {
    throw new SyntaxError(`${(e as Error).message} (patterns use RE2 syntax: no backreferences, no lookaround)`);
  }
  const pattern: RulePattern = {
    test: (text) => re.test(text),
    capture: (text) => {
      if (re.groupCount() < 1) return undefined;
      const m = re.matcher(text);
      return m.find() ? (m.group(1) ?? undefined) : undefined;
    },
  };
  cache.set(body, pattern);
  return pattern;
}

/**
 * The body of a `/regex/` rule field, or null for any other value.
 *
 * @example
 * rulePatternBody('/^web/') // => '^web'
 * rulePatternBody('web01')  // => null
 */
export function rulePatternBody(field: string): string | null {
  return field.length > 1 && field.startsWith('/') && field.endsWith('/') ? field.slice(1, -1) : null;
}
