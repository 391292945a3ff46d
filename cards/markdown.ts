/**
 * Text typed by one person and shown to others goes through Adaptive Card TextBlocks, which render a Markdown subset:
 * escape it so a name like "[click](http://evil)" or "**boss**" shows as typed.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|>~<]/g, (c) => `\\${c}`);
}
