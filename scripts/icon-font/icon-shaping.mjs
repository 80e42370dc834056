// Shaping an icon's name with a font, as the browser does with `font-feature-settings: "liga"`:
// the name becomes one glyph when the font has the icon.
import fontverter from 'fontverter';
import { Blob, Buffer, Face, Font, shape } from 'harfbuzzjs';

/** A font file (woff2, woff or ttf) ready to shape with. */
export async function loadFont(bytes) {
  const face = new Face(new Blob(await fontverter.convert(bytes, 'truetype')));
  return { face, font: new Font(face) };
}

/** The glyph ids a text shapes to. */
export function glyphsOf({ font }, text) {
  const buffer = new Buffer();
  buffer.addText(text);
  buffer.guessSegmentProperties();
  shape(font, buffer);
  return buffer.getGlyphInfos().map((info) => info.codepoint);
}

/** The icon's glyph, or null when the font shows the name as letters (or a missing glyph). */
export function iconGlyph(shaped, name) {
  const glyphs = glyphsOf(shaped, name);
  return glyphs.length === 1 && glyphs[0] !== 0 ? glyphs[0] : null;
}
