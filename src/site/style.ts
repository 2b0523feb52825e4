// The site's style sheet and icon. Colours follow the system's scheme from the first
// paint (CSS alone, no script); the toggle's choice, set on <html data-theme> by the
// theme script before the first paint, wins. Code colours are GitHub's, light and
// dark, all with a contrast of at least 4.5:1 on the code background.

const LIGHT = {
  bg: "#ffffff", fg: "#1f2328", muted: "#59636e", link: "#0550ae", border: "#d1d9e0", panel: "#f6f8fa", mark: "#fff8c5",
  "hl-keyword": "#cf222e", "hl-title": "#6639ba", "hl-string": "#0a3069", "hl-number": "#0550ae", "hl-comment": "#59636e",
  "hl-built": "#953800", "hl-tag": "#116329", "hl-del": "#82071e", "hl-add": "#116329",
};
const DARK: typeof LIGHT = {
  bg: "#0d1117", fg: "#e6edf3", muted: "#9198a1", link: "#4493f8", border: "#3d444d", panel: "#151b23", mark: "#3b2e00",
  "hl-keyword": "#ff7b72", "hl-title": "#d2a8ff", "hl-string": "#a5d6ff", "hl-number": "#79c0ff", "hl-comment": "#9198a1",
  "hl-built": "#ffa657", "hl-tag": "#7ee787", "hl-del": "#ffa198", "hl-add": "#7ee787",
};
const vars = (colors: typeof LIGHT) => Object.entries(colors).map(([k, v]) => `--${k}:${v}`).join(";");

const HIGHLIGHT = [
  [".hljs-keyword,.hljs-doctag,.hljs-template-tag,.hljs-template-variable,.hljs-type,.hljs-variable.language_", "keyword"],
  [".hljs-title,.hljs-title.class_,.hljs-title.function_", "title"],
  [".hljs-attr,.hljs-attribute,.hljs-literal,.hljs-meta,.hljs-number,.hljs-operator,.hljs-variable,.hljs-selector-attr,.hljs-selector-class,.hljs-selector-id", "number"],
  [".hljs-regexp,.hljs-string,.hljs-meta .hljs-string", "string"],
  [".hljs-built_in,.hljs-symbol", "built"],
  [".hljs-comment,.hljs-code,.hljs-formula", "comment"],
  [".hljs-name,.hljs-quote,.hljs-selector-tag,.hljs-selector-pseudo,.hljs-section", "tag"],
  [".hljs-deletion", "del"],
  [".hljs-addition", "add"],
].map(([sel, v]) => `${sel}{color:var(--hl-${v})}`).join("\n");

export const SITE_CSS = `:root{${vars(LIGHT)};color-scheme:light dark}
@media (prefers-color-scheme:dark){:root:not([data-theme=light]){${vars(DARK)}}}
:root[data-theme=dark]{${vars(DARK)};color-scheme:dark}
:root[data-theme=light]{color-scheme:light}
*,*::before,*::after{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{margin:0 auto;max-width:52rem;padding:0 1rem 2rem;font:16px/1.6 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;background:var(--bg);color:var(--fg);overflow-wrap:break-word}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible{outline:2px solid var(--link);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:var(--bg);padding:.25rem .5rem;z-index:2}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
button.visually-hidden:focus{position:static;width:auto;height:auto;clip:auto}
.top{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding:.75rem 0;border-bottom:1px solid var(--border);margin-bottom:1.5rem}
.brand{font-weight:600;color:var(--fg);text-decoration:none;font-size:1.1rem}
.top nav{display:flex;gap:.75rem;flex-wrap:wrap}
.search{position:relative;flex:1 1 14rem}
.search input{width:100%;padding:.4rem .6rem;font:inherit;color:var(--fg);background:var(--panel);border:1px solid var(--border);border-radius:6px}
.search-results{position:absolute;z-index:3;left:0;min-width:min(32rem,90vw);top:calc(100% + 4px);max-height:70vh;overflow:auto;background:var(--bg);border:1px solid var(--border);border-radius:6px;padding:.25rem 0;box-shadow:0 8px 24px rgba(0,0,0,.2)}
.search-results ol,.search-page ol{list-style:none;margin:0;padding:0}
.search-results li a,.search-page li a{display:block;padding:.4rem .75rem;text-decoration:none;color:var(--fg)}
.search-results li a:hover,.search-results li a:focus,.search-page li a:hover{background:var(--panel)}
.search-results .title,.search-page .title{color:var(--link);font-weight:600}
.hit-meta,.search-note{display:block;color:var(--muted);font-size:.875rem}
.search-note{padding:.4rem .75rem}
mark{background:var(--mark);color:var(--fg)}
.theme-toggle{font:inherit;font-size:.875rem;color:var(--fg);background:var(--panel);border:1px solid var(--border);border-radius:6px;padding:.3rem .6rem;cursor:pointer}
h1{font-size:1.9rem;line-height:1.25;margin:.5rem 0 .75rem}
h2{font-size:1.35rem;border-bottom:1px solid var(--border);padding-bottom:.2rem;margin-top:2rem}
.meta,.count,.about{color:var(--muted)}
.count{font-size:.875rem}
.badge{border:1px solid var(--border);border-radius:1rem;padding:0 .5rem;font-size:.8rem}
ul.entries,ul.groups,ul.months{padding-left:1.1rem}
ul.entries li{margin:.35rem 0}
ul.groups{columns:14rem}
pre{background:var(--panel);border:1px solid var(--border);border-radius:6px;padding:.75rem 1rem;overflow:auto;line-height:1.45}
code{font:.875em ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,monospace}
:not(pre)>code{background:var(--panel);padding:.1em .3em;border-radius:4px}
blockquote{margin:0;padding:0 1rem;border-left:.25rem solid var(--border);color:var(--muted)}
table{border-collapse:collapse;display:block;overflow:auto}th,td{border:1px solid var(--border);padding:.3rem .6rem}
.align-center{text-align:center}.align-right{text-align:right}.align-left{text-align:left}
img{max-width:100%;height:auto}
figure{margin:1rem 0}
.around{display:flex;justify-content:space-between;gap:1rem;margin:2rem 0;flex-wrap:wrap}
.around a{max-width:48%}.around .dir{display:block;color:var(--muted);font-size:.8rem}
.pager ul{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}
.bottom{margin-top:3rem;border-top:1px solid var(--border);color:var(--muted);font-size:.875rem}
.js .no-js{display:none}
${HIGHLIGHT}
`;

export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0550ae"/><path d="M9 23V9h2.6l7.8 9.6V9H22v14h-2.6l-7.8-9.6V23z" fill="#fff"/></svg>
`;
