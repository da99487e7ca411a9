/**
 * Escapes text for Markdown inside a line (a table cell or after a list marker) and for the
 * HTML that ticket systems render from it: inline markup characters get a backslash, `<`, `>` and `&` become entities, line breaks become spaces (a
 * name never breaks a table row).
 *
 * @example
 * escapeMarkdown('web|01 <b>') // => 'web\\|01 &lt;b&gt;'
 */
export function escapeMarkdown(text: unknown): string {
  return String(text)
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()|~])/g, '\\$1');
}
