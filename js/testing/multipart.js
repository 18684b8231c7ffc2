'use strict';
// multipart/form-data, as wx.uploadFile sends a file: enough to take the
// parts apart from the raw bytes (a file is binary, so never decoded as text).

function boundaryOf(contentType) {
  const match = /^multipart\/form-data\s*;.*?\bboundary=(?:"([^"]+)"|([^\s;]+))/i.exec(String(contentType || ''));
  return match ? match[1] || match[2] : null;
}

function parseHeaders(text) {
  const headers = {};
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

// [{name, filename, contentType, data: Buffer}], or null when the body is not
// multipart/form-data with the given boundary.
function parseMultipart(body, contentType) {
  const boundary = boundaryOf(contentType);
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts = [];
  let position = body.indexOf(delimiter);
  if (position < 0) return null;
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === '--') return parts;
    if (body.subarray(position, position + 2).toString() !== '\r\n') return null;
    const headerEnd = body.indexOf('\r\n\r\n', position + 2);
    if (headerEnd < 0) return null;
    const headers = parseHeaders(body.subarray(position + 2, headerEnd).toString('utf8'));
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) return null;
    const disposition = headers['content-disposition'] || '';
    const name = /\bname="([^"]*)"/i.exec(disposition);
    const filename = /\bfilename="([^"]*)"/i.exec(disposition);
    parts.push({
      name: name ? name[1] : null,
      filename: filename ? filename[1] : null,
      contentType: headers['content-type'] || null,
      data: body.subarray(headerEnd + 4, next),
    });
    position = next + 2;
  }
}

module.exports = { parseMultipart };
