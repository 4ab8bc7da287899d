/** What the Ports pane shows for the in-browser simulator's answers: pages as pages, images as images, other bodies as text. */
import { expect, it } from 'vitest';
import { portPageDocument } from '../../../src/components/terminal/port-page-document.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

it('shows an HTML page as itself, decoded in its charset', () => {
  expect(portPageDocument({ headers: [['content-type', 'text/html']], body: bytes('<h1>你好</h1>') })).toBe('<h1>你好</h1>');
  expect(portPageDocument({ headers: [['content-type', 'text/html; charset=iso-8859-1']], body: Uint8Array.of(0x3c, 0x70, 0x3e, 0xe9) })).toBe('<p>é');
});

it('shows an image as an image of its bytes', () => {
  const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x00, 0xff);
  expect(portPageDocument({ headers: [['content-type', 'image/png']], body: png })).toContain('<img alt="" src="data:image/png;base64,iVBORwD/">');
});

it('shows any other body as inert text', () => {
  const document = portPageDocument({ headers: [['content-type', 'text/plain']], body: bytes('<script>x</script>') });
  expect(document).toContain('&lt;script&gt;x&lt;/script&gt;');
  expect(document).not.toContain('<script>');
});
