import MarkdownIt from 'markdown-it';

/**
 * Researcher and team Markdown, rendered for the thread. `html: false` escapes every raw tag
 * (the payload arrives as text), and markdown-it's own link check drops `javascript:`,
 * `vbscript:`, `file:` and non-image `data:` URLs. Links are marked so the thread never hands
 * the page (or the capability link in its address) to the site a researcher linked.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  token.attrSet('rel', 'noopener noreferrer nofollow');
  token.attrSet('target', '_blank');
  return defaultLinkOpen(tokens, index, options, env, self);
};
// Images would let a message make the reader's browser fetch an address of the sender's
// choosing (a tracking pixel, or a request inside the shop's network): show the link instead.
markdown.renderer.rules.image = (tokens, index) => {
  const token = tokens[index]!;
  const source = markdown.utils.escapeHtml(String(token.attrGet('src') ?? ''));
  const alt = markdown.utils.escapeHtml(token.content);
  return `<a href="${source}" rel="noopener noreferrer nofollow" target="_blank">${alt || source}</a>`;
};

export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
