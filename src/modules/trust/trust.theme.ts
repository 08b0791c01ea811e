import { createHash } from 'node:crypto';

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const channel = parseInt(hex.slice(i, i + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

function darken(hex: string, factor: number): string {
  return `#${[1, 3, 5]
    .map((i) =>
      Math.round(parseInt(hex.slice(i, i + 2), 16) * factor)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/**
 * The page's colours from the shop's one brand colour, with WCAG AA contrast whatever colour
 * an admin picks: header text is black or white, whichever contrasts more, and links on white
 * are the brand colour darkened until they reach 4.5:1.
 */
export function palette(brand: string) {
  const onBrand = contrast(brand, '#ffffff') >= contrast(brand, '#111111') ? '#ffffff' : '#111111';
  let link = brand;
  for (let factor = 0.9; contrast(link, '#ffffff') < 4.5 && factor > 0; factor -= 0.1)
    link = darken(brand, factor);
  if (contrast(link, '#ffffff') < 4.5) link = '#111111';
  return { brand, onBrand, link };
}

/** The stylesheet, served as a file (the CSP allows no inline style) and cached by its hash. */
export function themeCss(brand: string): { css: string; hash: string } {
  const colours = palette(brand);
  const css = `:root{--brand:${colours.brand};--on-brand:${colours.onBrand};--link:${colours.link};--text:#1b1f24;--muted:#4a5260;--line:#d5dae1;--soft:#f4f6f8}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:var(--text);background:#fff}
body{margin:0}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999px;top:0;background:#fff;color:var(--link);padding:.5rem 1rem;z-index:10}
.skip:focus{left:1rem}
header.site{background:var(--brand);color:var(--on-brand)}
header.site .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:1rem;padding-block:1rem}
header.site a{color:var(--on-brand)}
.brand{display:flex;align-items:center;gap:.75rem;font-size:1.25rem;font-weight:700;text-decoration:none}
.brand img{max-height:2.5rem;max-width:10rem}
nav ul{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;margin:0;padding:0}
nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
main{padding-block:1.5rem 3rem}
main:focus{outline:none}
h1{font-size:2rem;margin:.5rem 0 1rem}
h2{font-size:1.4rem;margin:2rem 0 .75rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
h3{font-size:1.1rem;margin:1.25rem 0 .25rem}
.muted{color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{text-align:left;vertical-align:top;padding:.5rem;border-bottom:1px solid var(--line)}
th{background:var(--soft)}
.state{display:inline-block;padding:0 .5rem;border-radius:1rem;border:1px solid currentColor;font-size:.875rem;font-weight:600}
.state-investigating{color:#a11a1a}.state-identified{color:#8a4b00}.state-monitoring{color:#1f4f99}.state-resolved{color:#1e6b2f}
.card{border:1px solid var(--line);border-radius:.5rem;padding:1rem;margin:.75rem 0}
ol.measures{padding-left:1.25rem}
form .field{margin:1rem 0}
label{display:block;font-weight:600;margin-bottom:.25rem}
input[type=text],input[type=email],textarea{width:100%;max-width:32rem;padding:.5rem;border:1px solid #6b7480;border-radius:.25rem;font:inherit}
input[aria-invalid=true],textarea[aria-invalid=true]{border:2px solid #a11a1a}
fieldset{border:1px solid var(--line);border-radius:.25rem;max-width:32rem}
fieldset label{display:inline;font-weight:400}
.error{color:#a11a1a;font-weight:600;margin:.25rem 0}
.summary{border:2px solid #a11a1a;padding:1rem;border-radius:.25rem}
.notice{border-left:4px solid var(--link);background:var(--soft);padding:.75rem 1rem}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
button{font:inherit;padding:.5rem 1.25rem;border:0;border-radius:.25rem;background:var(--link);color:#fff;cursor:pointer}
footer.site{border-top:1px solid var(--line);padding-block:1rem 2rem;color:var(--muted)}
footer.site a{color:var(--link)}
`;
  return { css, hash: createHash('sha256').update(css).digest('hex').slice(0, 16) };
}
