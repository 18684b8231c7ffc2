'use strict';
// Just enough GraphQL for the dev server: parses one operation with one root
// field (arguments as $variables or literals, nested selection sets), checks
// its variables against the input types, and projects a value onto the
// selection, so the SDK meets the refusals a real server would give.

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

// A field's arguments with $variables filled in.
function argumentValues(field, variables) {
  const values = {};
  for (const [key, value] of Object.entries(field.args)) {
    values[key] = 'variable' in value ? (variables || {})[value.variable] : value.literal;
    if (values[key] === undefined) delete values[key];
  }
  return values;
}

function validationError(message) {
  const error = new Error(message);
  error.graphqlValidation = true;
  return error;
}

// "[Role!]!" -> {name: "Role", list: true, required: true}
function parseType(text) {
  const required = text.endsWith('!');
  const inner = required ? text.slice(0, -1) : text;
  const list = inner.startsWith('[');
  const name = inner.replace(/[[\]!]/g, '');
  return { name, list, required };
}

// A schema describes what a real server would refuse before running anything:
//   types:  {TypeName: {field: 'OtherType' | {type, resolve(parent, args, context)}}}
//           (a type name absent from `types` is a scalar);
//   inputs: {InputName: {field: 'String!' | 'RegisterProfile' | '[UserDdfInput]'}};
//   enums:  {EnumName: ['VALUE', ...]}.
function checkInputValue(value, typeText, schema, where) {
  const type = parseType(typeText);
  if (value === null || value === undefined) {
    if (type.required) throw validationError(`${where} of required type "${typeText}" was not provided.`);
    return;
  }
  if (type.list) {
    if (!Array.isArray(value)) throw validationError(`${where} got invalid value ${JSON.stringify(value)}; Expected type "${typeText}" to be a list.`);
    value.forEach((item, index) => checkInputValue(item, type.name, schema, `${where}[${index}]`));
    return;
  }
  const input = schema.inputs && schema.inputs[type.name];
  if (input) {
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw validationError(`${where} got invalid value ${JSON.stringify(value)}; Expected type "${type.name}" to be an object.`);
    }
    const unknown = Object.keys(value).find((key) => !Object.prototype.hasOwnProperty.call(input, key));
    if (unknown) throw validationError(`${where} got invalid value ${JSON.stringify(value)}; Field "${unknown}" is not defined by type "${type.name}".`);
    for (const [key, fieldType] of Object.entries(input)) checkInputValue(value[key], fieldType, schema, `Field "${key}"`);
    return;
  }
  const values = schema.enums && schema.enums[type.name];
  if (values && !values.includes(value)) {
    throw validationError(`${where} got invalid value ${JSON.stringify(value)}; Value ${JSON.stringify(value)} does not exist in "${type.name}" enum.`);
  }
  const scalar = { String: 'string', Int: 'number', Float: 'number', Boolean: 'boolean' }[type.name];
  if (scalar && typeof value !== scalar) {
    throw validationError(`${where} got invalid value ${JSON.stringify(value)}; ${type.name} cannot represent ${JSON.stringify(value)}.`);
  }
}

// Checks the operation's declared variables as a GraphQL server does before
// it resolves anything: required ones present, input objects without
// unknown fields, enum values in range.
function validateVariables(document, variables, schema) {
  for (const { name, type } of document.variables) {
    checkInputValue((variables || {})[name], type, schema, `Variable "$${name}"`);
  }
}

function fieldType(schema, typeName, fieldName) {
  const fields = schema.types[typeName];
  if (!fields || !Object.prototype.hasOwnProperty.call(fields, fieldName)) return undefined;
  const entry = fields[fieldName];
  return typeof entry === 'string' ? { type: entry } : entry;
}

// Projects `value` onto `selections`, as a real server answers only what was
// asked for; throws for a field the type does not have, a selection on a
// scalar or none on an object. A field with a `resolve` is computed from its
// parent with its own arguments (`roles(namespace: $ns)` inside `user`).
function project(value, selections, typeName, schema, variables, context) {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((item) => project(item, selections, typeName, schema, variables, context));
  if (!schema.types[typeName]) return value;
  const out = {};
  for (const field of selections) {
    const entry = fieldType(schema, typeName, field.name);
    if (!entry) throw validationError(`Cannot query field "${field.name}" on type "${typeName}".`);
    const isObject = Boolean(schema.types[entry.type]);
    if (isObject && !field.selections) {
      throw validationError(`Field "${field.name}" of type "${entry.type}" must have a selection of subfields. Did you mean "${field.name} { ... }"?`);
    }
    if (!isObject && field.selections) {
      throw validationError(`Field "${field.name}" must not have a selection since type "${entry.type}" has no subfields.`);
    }
    const child = entry.resolve ? entry.resolve(value, argumentValues(field, variables), context) : value[field.name];
    out[field.name] = project(child, field.selections, entry.type, schema, variables, context);
  }
  return out;
}

module.exports = { parseDocument, argumentValues, validateVariables, project, validationError };
