'use strict';
// The "Custom data, authorization and account" group of docs/api.md. The
// fields of an entry are described in docs/api/index.js.

const CONVERTED = 'values converted as v4 converts them: `NUMBER`, `BOOLEAN` and `OBJECT` values parsed, ' +
  '`DATETIME` values as `Date`';

// A custom field the user pool defines, for the examples that set one.
function defineFields(ctx) {
  ctx.server.defineUdf({ key: 'school', dataType: 'STRING' });
  ctx.server.defineUdf({ key: 'age', dataType: 'NUMBER' });
}

// A read of the session user's data: one request, nothing stored.
function read(name, sends, resolves, does, example = []) {
  return {
    name,
    signatures: [`${name}()`],
    does,
    session: true,
    cases: [{ sends: [sends], stores: 'nothing', example: { args: example } }],
    resolves,
    errors: [],
    v4: null,
  };
}

module.exports = {
  title: 'Custom data, authorization and account',
  intro: 'All about the session\'s user: its custom data (user-defined fields), roles, resources, ' +
    'organizations and applications. None of them changes storage.',
  methods: [
    {
      ...read('listUdv', 'query udv', 'UserDefinedData[]', `The user's custom data, \`[{key, dataType, value, ` +
        `label}]\`, ${CONVERTED}.`),
      v4: 'a value that does not parse comes back as its text (v4 threw a `SyntaxError`); `DATETIME` must be ' +
        'whole milliseconds (v4\'s `parseInt` read an ISO date as its year)',
      migrating: 'custom-data-values',
    },
    {
      name: 'setUdv',
      signatures: ['setUdv(key, value)'],
      does: 'Sets one custom field of the user (the value is sent as JSON text). Resolves the whole list, ' +
        'converted as `listUdv`\'s.',
      args: { key: 'a field the user pool defines', value: 'any JSON value; a `Date` goes as its ISO text' },
      session: true,
      cases: [{
        sends: ['mutation setUdv'],
        stores: 'nothing',
        example: {
          args: (ctx) => {
            defineFields(ctx);
            return ['school', 'Tsinghua'];
          },
        },
      }],
      resolves: 'UserDefinedData[]',
      errors: [
        ['argument', 'INVALID_ARGUMENT', 'no `value`; nothing is sent'],
        ['api', '2231', 'a field the user pool does not define, or a value of the wrong type'],
      ],
      v4: 'a missing `value` is refused before sending',
      migrating: 'custom-data-values',
    },
    {
      name: 'removeUdv',
      signatures: ['removeUdv(key)'],
      does: 'Removes one custom field\'s value. Resolves what remains, converted as `listUdv`\'s.',
      session: true,
      cases: [{
        sends: ['mutation removeUdv'],
        stores: 'nothing',
        example: {
          args: (ctx) => {
            defineFields(ctx);
            return ['age'];
          },
        },
      }],
      resolves: 'UserDefinedData[]',
      errors: [['api', '2231', 'a field the user pool does not define']],
      v4: null,
    },
    read('getUdfValue', 'query udv', 'KeyValuePair', `The user's custom data as one object \`{key: value}\`, ` +
      `${CONVERTED}.`),
    {
      name: 'setUdfValue',
      signatures: ['setUdfValue(data)'],
      does: 'Sets several custom fields in one request (all or none). Resolves `undefined`.',
      args: { data: 'a non-empty object `{key: value}`' },
      session: true,
      cases: [{
        sends: ['mutation setUdvBatch'],
        stores: 'nothing',
        example: {
          args: (ctx) => {
            defineFields(ctx);
            return [{ school: 'Tsinghua', age: 18 }];
          },
        },
      }],
      resolves: 'void',
      errors: [
        ['argument', 'INVALID_ARGUMENT', 'not an object, no key, or an empty key; nothing is sent'],
        ['api', '2231', 'a field the user pool does not define'],
      ],
      v4: '`data` must be a non-empty object with non-empty keys',
      migrating: 'custom-data-values',
    },
    {
      name: 'removeUdfValue',
      signatures: ['removeUdfValue(key)'],
      does: 'Removes one custom field\'s value. Resolves `undefined`.',
      session: true,
      cases: [{
        sends: ['mutation removeUdv'],
        stores: 'nothing',
        example: {
          args: (ctx) => {
            defineFields(ctx);
            return ['school'];
          },
        },
      }],
      resolves: 'void',
      errors: [['api', '2231', 'a field the user pool does not define']],
      v4: null,
    },
    read('getSecurityLevel', 'GET /api/v2/users/me/security-level', 'SecurityLevel', 'How well the account is ' +
      'protected: `{email, phone, password, passwordSecurityLevel, mfa, score}`.'),
    {
      name: 'listAuthorizedResources',
      signatures: ['listAuthorizedResources(namespace?, options?)'],
      does: 'The resources the user may act on, `{list, totalCount}`, each resource without its empty members ' +
        '(as v4).',
      args: { namespace: 'a permission group\'s code', options: '`{resourceType}`: `DATA`, `API`, `MENU`, `UI` ' +
        'or `BUTTON`' },
      session: true,
      cases: [{
        sends: ['query user'],
        stores: 'nothing',
        example: {
          args: (ctx) => {
            ctx.server.grantResource(ctx.user.id, { code: 'orders', type: 'API', actions: ['orders:read'] });
            return ['default', { resourceType: 'API' }];
          },
        },
      }],
      resolves: 'PaginatedAuthorizedResources',
      errors: [['api', '2004', 'the user no longer exists']],
      v4: 'an unknown user rejects with kind `api`, code `2004` (v4 threw an untyped `Error`)',
      migrating: 'an-unknown-user-is-2004',
    },
    read('listOrgs', 'GET /api/v2/users/me/orgs', 'UserOrgList', 'The user\'s organizations, each as the path ' +
      'of nodes from the organization down to the user\'s department.'),
    {
      name: 'listApplications',
      signatures: ['listApplications(params?)'],
      does: 'A page of the applications the user may open, `{totalCount, list}`.',
      args: { params: '`{page, limit}`, positive integers; default page 1 of 10' },
      session: true,
      cases: [{
        sends: ['GET /api/v2/users/me/applications/allowed?page={page}&limit={limit}'],
        stores: 'nothing',
        example: { args: [{ page: 1, limit: 10 }] },
      }],
      resolves: 'PaginatedApplications',
      errors: [['argument', 'INVALID_ARGUMENT', '`page` or `limit` not a positive integer']],
      v4: '`page` and `limit` must be positive integers',
      migrating: 'listapplications',
    },
    {
      name: 'hasRole',
      signatures: ['hasRole(code, namespace?)'],
      does: 'Whether the user holds the role of that code (in the namespace, when given).',
      session: true,
      cases: [{
        sends: ['query user'],
        stores: 'nothing',
        example: {
          args: (ctx) => {
            ctx.server.assignRole(ctx.user.id, { code: 'admin' });
            return ['admin', 'default'];
          },
        },
      }],
      resolves: 'boolean',
      errors: [['api', '2004', 'the user no longer exists']],
      v4: 'from v4\'s later releases (not in 4.15.8); an unknown user rejects with code `2004`',
      migrating: 'hasrole-and-listroles',
    },
    {
      name: 'listRoles',
      signatures: ['listRoles(namespace?)'],
      does: 'The user\'s roles, `{totalCount, list}`, each role with its parent.',
      session: true,
      cases: [{
        sends: ['query user'],
        stores: 'nothing',
        example: { args: ['default'] },
      }],
      resolves: 'PaginatedRoles',
      errors: [['api', '2004', 'the user no longer exists']],
      v4: 'not in v4 4.15.8',
      migrating: 'hasrole-and-listroles',
    },
  ],
};
