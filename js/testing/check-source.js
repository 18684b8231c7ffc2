'use strict';
// What the WeChat tooling refuses before any code runs: dynamic require,
// aliasing require, and ES module syntax. The sandbox runs these checks on
// every file it loads, so a package that passes here also passes Build npm
// and the upload checks.

// Static checks. The WeChat tooling refuses dynamic require, aliasing require
// and ES module syntax before any code runs, so they are found by looking at
// tokens, not by running the file: a regex over raw text would be fooled by
// strings, comments and regex literals that merely mention `require(`.

// After these words a `/` starts a regex literal, not a division.
const EXPRESSION_KEYWORDS = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await',
]);
const ASSIGNMENT_OPERATORS = new Set([
  '=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=', '&&=', '||=', '??=',
]);
const PUNCTUATOR = /(?:>>>=|\.\.\.|===|!==|\*\*=|<<=|>>=|>>>|&&=|\|\|=|\?\?=|=>|==|!=|<=|>=|&&|\|\||\?\?|\?\.(?!\d)|\+\+|--|\+=|-=|\*=|%=|&=|\|=|\^=|\*\*|<<|>>|[{}()[\];,<>+\-*%&|^!~?:=.@#])/y;
const NAME_START = /[A-Za-z_$\u0080-\uffff\\]/;
const NAME_PART = /[\w$\u0080-\uffff\\]/;

function tokenize(source) {
  const tokens = [];
  // Brace depths at which an open `${` of a template literal closes.
  const templateDepths = [];
  let depth = 0;
  let line = 1;
  let i = 0;
  const push = (type, value) => tokens.push({ type, value, line });
  const countLines = (from, to) => {
    for (let k = from; k < to; k += 1) if (source[k] === '\n') line += 1;
  };
  const regexAllowed = () => {
    const last = tokens[tokens.length - 1];
    if (!last) return true;
    if (last.type === 'name') return EXPRESSION_KEYWORDS.has(last.value);
    if (last.type === 'punct') return !/^(?:[)\]}]|\+\+|--)$/.test(last.value);
    return false;
  };
  // Reads template text from i up to the closing backtick or a `${`.
  const templateChunk = () => {
    const start = i;
    while (i < source.length && source[i] !== '`' && !source.startsWith('${', i)) i += source[i] === '\\' ? 2 : 1;
    if (source.startsWith('${', i)) {
      templateDepths.push(depth);
      depth += 1;
      i += 2;
    } else {
      i += 1;
    }
    countLines(start, i);
    push('template', source.slice(start, i));
  };

  while (i < source.length) {
    const ch = source[i];
    const start = i;
    if (/\s/.test(ch)) {
      if (ch === '\n') line += 1;
      i += 1;
    } else if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n') i += 1;
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
      countLines(start, i);
    } else if (ch === '\'' || ch === '"') {
      i += 1;
      while (i < source.length && source[i] !== ch && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
      i += 1;
      countLines(start, i);
      push('string', source.slice(start + 1, i - 1));
    } else if (ch === '`') {
      i += 1;
      templateChunk();
    } else if (ch === '}' && templateDepths.length > 0 && templateDepths[templateDepths.length - 1] === depth - 1) {
      templateDepths.pop();
      depth -= 1;
      i += 1;
      templateChunk();
    } else if (ch === '/' && regexAllowed()) {
      let inClass = false;
      i += 1;
      while (i < source.length && source[i] !== '\n' && (inClass || source[i] !== '/')) {
        if (source[i] === '\\') i += 1;
        else if (source[i] === '[') inClass = true;
        else if (source[i] === ']') inClass = false;
        i += 1;
      }
      i += 1;
      while (i < source.length && NAME_PART.test(source[i])) i += 1;
      push('regex', source.slice(start, i));
    } else if (ch === '/') {
      i += source[i + 1] === '=' ? 2 : 1;
      push('punct', source.slice(start, i));
    } else if (/\d/.test(ch) || (ch === '.' && /\d/.test(source[i + 1] || ''))) {
      while (i < source.length && /[\w.]/.test(source[i])) i += 1;
      push('number', source.slice(start, i));
    } else if (NAME_START.test(ch)) {
      while (i < source.length && NAME_PART.test(source[i])) i += 1;
      push('name', source.slice(start, i));
    } else {
      PUNCTUATOR.lastIndex = i;
      const match = PUNCTUATOR.exec(source);
      const value = match ? match[0] : ch;
      if (value === '{') depth += 1;
      if (value === '}') depth -= 1;
      i += value.length;
      push('punct', value);
    }
  }
  return tokens;
}

// Throws, naming file and line, on what the mini program tooling refuses.
function checkSource(source, filename = '<source>') {
  const tokens = tokenize(source);
  const is = (token, type, value) => Boolean(token) && token.type === type && (value === undefined || token.value === value);
  const fail = (token, message) => {
    throw new Error(`${filename}:${token.line}: ${message}`);
  };
  tokens.forEach((token, index) => {
    if (token.type !== 'name') return;
    const prev = tokens[index - 1];
    const next = tokens[index + 1];
    // obj.require(...), obj?.import(...) and { import: 1 } are ordinary property names.
    if (is(prev, 'punct', '.') || is(prev, 'punct', '?.') || is(next, 'punct', ':')) return;
    if (token.value === 'require') {
      // A declaration, or a member of require (require.async): not the function itself as a value.
      if (is(prev, 'name', 'function') || is(next, 'punct', '.')) return;
      if (is(next, 'punct', '(')) {
        if (!is(tokens[index + 2], 'string') || !is(tokens[index + 3], 'punct', ')')) {
          fail(token, 'Require variable is not allowed: require() takes a single string literal');
        }
      } else if (prev && prev.type === 'punct' && ASSIGNMENT_OPERATORS.has(prev.value)) {
        fail(token, 'Assigning the require function to other variables is not allowed');
      }
    } else if (token.value === 'import') {
      if (is(next, 'punct', '(')) fail(token, 'dynamic import() is not supported in mini programs; use require');
      if (is(next, 'punct', '.')) fail(token, 'import.meta is not supported in mini programs');
      if (next && (next.type === 'name' || next.type === 'string' || is(next, 'punct', '{') || is(next, 'punct', '*'))) {
        fail(token, 'import statements are not supported: ship CommonJS (module.exports / require)');
      }
    } else if (token.value === 'export') {
      if (next && (next.type === 'name' || is(next, 'punct', '{') || is(next, 'punct', '*'))) {
        fail(token, 'export statements are not supported: ship CommonJS (module.exports / require)');
      }
    }
  });
}

module.exports = { checkSource, tokenize };
