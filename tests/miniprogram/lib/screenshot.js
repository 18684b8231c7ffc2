'use strict';
// Pictures of rendered pages: a page's node tree (j-component's toJSON) is
// written out as HTML with the project's WXSS and WeChat-like default styles
// for the built-in components, then Debian's headless chromium takes it to PNG.
// The canvas is 750 px wide, the width WXSS's rpx unit is defined against, so
// 1rpx is 1px, and the picture looks like a phone screen at 2x.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const WIDTH = 750;
const HEIGHT = 1334;

const BUILTIN_STYLE = `
html, body { margin: 0; padding: 0; width: ${WIDTH}px; }
page { display: block; min-height: ${HEIGHT - 88}px; }
wx-view, wx-block { display: block; }
wx-text { display: inline; white-space: pre-wrap; }
.nav-bar { height: 88px; line-height: 88px; text-align: center; font-size: 34px; font-weight: 600; border-bottom: 1px solid #e5e6eb; }
wx-button { display: block; position: relative; box-sizing: border-box; width: 368px; margin: 0 auto 24px; padding: 24px;
  font-size: 34px; font-weight: 700; line-height: 1.4; text-align: center; border-radius: 16px; color: #000; background: #f2f2f2; }
wx-button[type="primary"] { color: #fff; background: #07c160; }
wx-button[type="warn"] { color: #fa5151; background: #f2f2f2; }
wx-button[disabled="true"] { opacity: 0.5; }
wx-input { display: block; box-sizing: border-box; min-height: 88px; line-height: 52px; font-size: 32px; background: #fff; }
wx-input[data-empty="true"]::before { content: attr(placeholder); color: #c9cdd4; }
wx-input::after { content: attr(value); }
`;

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

function nodeHtml(node) {
  if (typeof node === 'string') return escapeHtml(node);
  const attrs = node.attrs.map(({ name, value }) => ` ${name}="${escapeHtml(value)}"`).join('');
  const isInput = node.tagName === 'wx-input';
  const empty = isInput ? ` data-empty="${!node.attrs.some((a) => a.name === 'value' && a.value)}"` : '';
  const tag = node.tagName === 'main' ? 'page' : node.tagName;
  return `<${tag}${attrs}${empty}>${node.children.map(nodeHtml).join('')}</${tag}>`;
}

function rpxToPx(css) {
  return css.replace(/(-?\d*\.?\d+)rpx/gi, '$1px');
}

// The page as a standalone HTML document, with its navigation bar title.
function pageHtml(page, projectDir) {
  const app = JSON.parse(fs.readFileSync(path.join(projectDir, 'app.json'), 'utf8'));
  const pageJson = JSON.parse(fs.readFileSync(path.join(projectDir, `${page.route}.json`), 'utf8'));
  const title = pageJson.navigationBarTitleText || (app.window || {}).navigationBarTitleText || '';
  const read = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
  const styles = rpxToPx(read(path.join(projectDir, 'app.wxss')) + read(path.join(projectDir, `${page.route}.wxss`)));
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${BUILTIN_STYLE}${styles}</style></head>` +
    `<body><wx-view class="nav-bar">${escapeHtml(title)}</wx-view>${nodeHtml(page.toJSON())}</body></html>`;
}

function findChromium() {
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('chromium is not installed (Debian: apt-get install chromium fonts-noto-cjk; scripts/ensure-deps.sh does it)');
}

// Writes the page's picture to pngPath.
function screenshot(page, projectDir, pngPath) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authing-shot-'));
  try {
    const htmlPath = path.join(dir, 'page.html');
    fs.writeFileSync(htmlPath, pageHtml(page, projectDir));
    fs.mkdirSync(path.dirname(pngPath), { recursive: true });
    execFileSync(findChromium(), [
      '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run', '--disable-extensions',
      `--user-data-dir=${path.join(dir, 'profile')}`, '--force-device-scale-factor=1',
      `--window-size=${WIDTH},${HEIGHT}`, `--screenshot=${path.resolve(pngPath)}`, `file://${htmlPath}`,
    ], { stdio: 'ignore', timeout: 120000 });
    if (!fs.existsSync(pngPath)) throw new Error(`chromium wrote no picture to ${pngPath}`);
    return pngPath;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { screenshot, pageHtml, WIDTH, HEIGHT };
