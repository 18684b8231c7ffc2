'use strict';
// Just enough GraphQL for the dev server: parses one operation with one root
// field (arguments as $variables or literals, nested selection sets) and
// projects a value onto a selection, as a real server answers only what was
// asked for.

function tokenize(source) {
  const tokens = [];
  const pattern = /\s+|,|#[^\n]*|(\.\.\.|[!$():=@\[\]{}|])|("(?:\\.|[^"\\])*")|(-?\d+(?:\.\d+)?)|([_A-Za-z][_0-9A-Za-z]*)/y;
  let index = 0;
  while (index < source.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(source);
    if (!match) throw new SyntaxError(`Syntax Error: Unexpected character "${source[index]}".`);
    index = pattern.lastIndex;
    if (match[1]) tokens.push({ type: 'punct', value: match[1] });
    else if (match[2]) tokens.push({ type: 'string', value: JSON.parse(match[2]) });
    else if (match[3]) tokens.push({ type: 'number', value: Number(match[3]) });
    else if (match[4]) tokens.push({ type: 'name', value: match[4] });
  }
  return tokens;
}

function parseDocument(source) {
  const tokens = tokenize(String(source));
  let position = 0;
  const peek = () => tokens[position];
  const next = () => {
    const token = tokens[position++];
    if (!token) throw new SyntaxError('Syntax Error: Unexpected <EOF>.');
    return token;
  };
  const expect = (value) => {
    const token = next();
    if (token.value !== value) throw new SyntaxError(`Syntax Error: Expected "${value}", found "${token.value}".`);
  };
  const isPunct = (value) => peek() && peek().type === 'punct' && peek().value === value;

  function parseValue() {
    const token = next();
    if (token.type === 'punct' && token.value === '$') return { variable: next().value };
    if (token.type === 'string' || token.type === 'number') return { literal: token.value };
    if (token.type === 'name') return { literal: token.value === 'true' ? true : token.value === 'false' ? false : token.value === 'null' ? null : token.value };
    throw new SyntaxError(`Syntax Error: Unexpected "${token.value}".`);
  }

  function parseSelectionSet() {
    expect('{');
    const fields = [];
    while (!isPunct('}')) {
      const name = next();
      if (name.type !== 'name') throw new SyntaxError(`Syntax Error: Expected Name, found "${name.value}".`);
      const field = { name: name.value, args: {}, selections: null };
      if (isPunct('(')) {
        next();
        while (!isPunct(')')) {
          const argName = next().value;
          expect(':');
          field.args[argName] = parseValue();
        }
        next();
      }
      if (isPunct('{')) field.selections = parseSelectionSet();
      fields.push(field);
    }
    next();
    return fields;
  }

  let type = 'query';
  let name = null;
  const variables = [];
  if (peek() && peek().type === 'name' && (peek().value === 'query' || peek().value === 'mutation')) {
    type = next().value;
    if (peek() && peek().type === 'name') name = next().value;
    if (isPunct('(')) {
      next();
      while (!isPunct(')')) {
        expect('$');
        const variable = next().value;
        expect(':');
        let typeText = '';
        while (!isPunct(')') && !isPunct('$')) typeText += next().value;
        variables.push({ name: variable, type: typeText });
      }
      next();
    }
  }
  const selections = parseSelectionSet();
  if (position !== tokens.length) throw new SyntaxError(`Syntax Error: Unexpected "${peek().value}".`);
  if (selections.length !== 1) throw new SyntaxError('Only one root field per operation is supported.');
  return { type, name, variables, root: selections[0] };
}

// The root field's arguments with $variables filled in.
function argumentValues(field, variables) {
  const values = {};
  for (const [key, value] of Object.entries(field.args)) {
    values[key] = 'variable' in value ? (variables || {})[value.variable] : value.literal;
    if (values[key] === undefined) delete values[key];
  }
  return values;
}

// Projects `value` onto `selections`; throws for a field the type does not have.
function project(value, selections, typeName, knownFields) {
  if (value === null || value === undefined || !selections) return value === undefined ? null : value;
  if (Array.isArray(value)) return value.map((item) => project(item, selections, typeName, knownFields));
  const out = {};
  for (const field of selections) {
    const known = knownFields[typeName];
    if (known && !known.has(field.name)) {
      const error = new Error(`Cannot query field "${field.name}" on type "${typeName}".`);
      error.graphqlValidation = true;
      throw error;
    }
    const childType = field.name === 'identities' ? 'Identity' : field.name === 'data' ? 'JWTTokenStatusDetail' : typeName;
    out[field.name] = project(value[field.name], field.selections, childType, knownFields);
  }
  return out;
}

module.exports = { parseDocument, argumentValues, project };
