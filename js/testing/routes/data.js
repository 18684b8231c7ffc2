'use strict';
// What Authing holds about a signed-in user beyond the profile: custom data
// (udf definitions, udv values), the security level, authorized resources,
// roles, organizations and the applications the user may open. Definitions,
// grants, roles, orgs and applications are seeded by tests (server.defineUdf,
// grantResource, assignRole, addOrg, addApplication).
//
// A udv value always crosses the wire as a string: JSON text for NUMBER,
// BOOLEAN and OBJECT, the text itself for STRING, and for DATETIME the
// milliseconds since the epoch (v4's convertUdv reads it with parseInt).

const crypto = require('node:crypto');

const scalars = (names) => Object.fromEntries(names.map((name) => [name, 'Scalar']));
const DATA_TYPES = ['STRING', 'NUMBER', 'DATETIME', 'BOOLEAN', 'OBJECT'];
const TARGET_TYPES = ['NODE', 'ORG', 'USER', 'USERPOOL', 'ROLE', 'PERMISSION', 'APPLICATION'];

module.exports = function dataRoutes(ctx) {
  const { AuthError } = ctx;
  const pool = ctx.config.userPoolId;
  const derivedId = (text) => crypto.createHash('sha256').update(`${pool}/${text}`).digest('hex').slice(0, 24);
  let state;
  function reset() {
    state = {
      udfs: new Map(),        // key -> {key, dataType, label}
      values: new Map(),      // user id -> Map(key -> typed value)
      grants: new Map(),      // user id -> [{namespace, code, type, actions}]
      roles: new Map(),       // "namespace/code" -> role
      assignments: new Map(), // user id -> Set("namespace/code")
      orgs: new Map(),        // user id -> [[node, ...], ...]
      applications: [],       // [{app, allow: Set | null}]
    };
  }
  reset();

  // --- custom data --------------------------------------------------------------

  const invalid = (key, dataType) => new AuthError(2231, `自定义字段 ${key} 的值不是合法的 ${dataType}`);

  function typed(definition, raw) {
    const { key, dataType } = definition;
    if (dataType === 'STRING') return typeof raw === 'string' ? raw : JSON.stringify(raw);
    if (dataType === 'NUMBER') {
      const number = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      if (typeof number !== 'number' || !Number.isFinite(number)) throw invalid(key, dataType);
      return number;
    }
    if (dataType === 'BOOLEAN') {
      if (raw === true || raw === 'true') return true;
      if (raw === false || raw === 'false') return false;
      throw invalid(key, dataType);
    }
    if (dataType === 'DATETIME') {
      const ms = typeof raw === 'number' ? raw : /^\d+$/.test(String(raw)) ? Number(raw) : Date.parse(String(raw));
      if (!Number.isFinite(ms)) throw invalid(key, dataType);
      return ms;
    }
    if (raw !== null && typeof raw === 'object') return raw;
    throw invalid(key, dataType);
  }

  function definitionOf(key) {
    const definition = state.udfs.get(key);
    if (!definition) throw new AuthError(2231, `自定义字段 ${key} 不存在`);
    return definition;
  }

  const valuesOf = (userId) => {
    if (!state.values.has(userId)) state.values.set(userId, new Map());
    return state.values.get(userId);
  };

  const customData = {
    set(userId, key, raw) { valuesOf(userId).set(key, typed(definitionOf(key), raw)); },
    // setUdv's value is JSON text (v4 sends JSON.stringify(value)); a STRING
    // field also takes a bare string.
    setJson(userId, key, text) {
      let raw = text;
      try { raw = JSON.parse(text); } catch (error) { if (definitionOf(key).dataType !== 'STRING') throw invalid(key, definitionOf(key).dataType); }
      customData.set(userId, key, raw);
    },
  };

  function udvList(userId) {
    const values = valuesOf(userId);
    return [...state.udfs.values()].filter((definition) => values.has(definition.key)).map(({ key, dataType, label }) => {
      const value = values.get(key);
      const text = dataType === 'STRING' ? value : dataType === 'DATETIME' ? String(value) : JSON.stringify(value);
      return { key, dataType, value: text, label };
    });
  }

  // Custom data of the signed-in user only: another target is not the user's to read.
  function udvTarget(args, request) {
    if (args.targetType !== 'USER') throw new AuthError(1001);
    return ctx.session(request, args.targetId).user.id;
  }
  const list = (userId) => ({ type: 'UserDefinedData', value: udvList(userId) });

  // --- roles and resources ------------------------------------------------------------

  function roleKey(namespace, code) { return `${namespace}/${code}`; }

  function ensureRole({ code, namespace = 'default', description = null, parent = null }) {
    const key = roleKey(namespace, code);
    if (!state.roles.has(key)) {
      const at = ctx.iso();
      state.roles.set(key, {
        code, namespace, arn: `arn:cn:authing:${pool}:role:${derivedId(`role/${key}`)}`, description, isSystem: false,
        createdAt: at, updatedAt: at, parentKey: parent ? roleKey(namespace, parent) : null,
      });
      if (parent) ensureRole({ code: parent, namespace });
    }
    return state.roles.get(key);
  }

  const roleView = (role) => ({ ...role, parent: role.parentKey ? roleView(state.roles.get(role.parentKey)) : null });

  const resolvers = {
    udv(args, request) { return list(udvTarget(args, request)); },
    setUdv(args, request) {
      const userId = udvTarget(args, request);
      customData.setJson(userId, args.key, args.value);
      return list(userId);
    },
    removeUdv(args, request) {
      const userId = udvTarget(args, request);
      definitionOf(args.key);
      valuesOf(userId).delete(args.key);
      return list(userId);
    },
    // All or nothing: one bad entry leaves the values as they were.
    setUdvBatch(args, request) {
      const userId = udvTarget(args, request);
      const entries = (args.udvList || []).map(({ key, value }) => {
        const definition = definitionOf(key);
        let raw = value;
        try { raw = JSON.parse(value); } catch (error) { if (definition.dataType !== 'STRING') throw invalid(key, definition.dataType); }
        return [key, typed(definition, raw)];
      });
      for (const [key, value] of entries) valuesOf(userId).set(key, value);
      return list(userId);
    },
  };

  const types = {
    UserDefinedData: scalars(['key', 'dataType', 'value', 'label']),
    AuthorizedResource: scalars(['code', 'type', 'actions']),
    PaginatedAuthorizedResources: { totalCount: 'Scalar', list: 'AuthorizedResource' },
    Role: { ...scalars(['namespace', 'code', 'arn', 'description', 'isSystem', 'createdAt', 'updatedAt']), parent: 'Role' },
    PaginatedRoles: { totalCount: 'Scalar', list: 'Role' },
    User: {
      authorizedResources: {
        type: 'PaginatedAuthorizedResources',
        resolve(owner, { namespace, resourceType }) {
          const found = (state.grants.get(owner.id) || [])
            .filter((grant) => (!namespace || grant.namespace === namespace) && (!resourceType || grant.type === resourceType))
            .map(({ code, type, actions }) => ({ code, type, actions: [...actions] }));
          return { totalCount: found.length, list: found };
        },
      },
      roles: {
        type: 'PaginatedRoles',
        resolve(owner, { namespace }) {
          const found = [...(state.assignments.get(owner.id) || [])].map((key) => state.roles.get(key))
            .filter((role) => !namespace || role.namespace === namespace).map(roleView);
          return { totalCount: found.length, list: found };
        },
      },
    },
  };

  // --- REST ---------------------------------------------------------------------

  function page(query, name, fallback) {
    if (query[name] === undefined) return fallback;
    const value = Number(query[name]);
    if (!Number.isInteger(value) || value < 1) throw new AuthError(2231, `${name} 必须是正整数`);
    return value;
  }

  const rest = {
    // score: 20 to start, 20 each for a bound email and phone, 10 per level of
    // password strength (1 to 3), 10 for MFA (never set here).
    'GET /api/v2/users/me/security-level': (body, request) => {
      const { user } = ctx.session(request);
      const level = ctx.store.passwordLevel(user);
      const result = { email: Boolean(user.email), phone: Boolean(user.phone), password: level !== null, passwordSecurityLevel: level, mfa: false };
      result.score = 20 + (result.email ? 20 : 0) + (result.phone ? 20 : 0) + (level || 0) * 10;
      return { code: 200, message: '获取成功', data: result };
    },
    'GET /api/v2/users/me/orgs': (body, request) => {
      const { user } = ctx.session(request);
      return { code: 200, message: '获取成功', data: (state.orgs.get(user.id) || []).map((path) => path.map((node) => ({ ...node }))) };
    },
    'GET /api/v2/users/me/applications/allowed': (body, request, query) => {
      const { user } = ctx.session(request);
      const pageNumber = page(query, 'page', 1);
      const limit = page(query, 'limit', 10);
      const allowed = state.applications.filter((entry) => !entry.allow || entry.allow.has(user.id)).map((entry) => ({ ...entry.app }));
      return { code: 200, message: '获取成功', data: { totalCount: allowed.length, list: allowed.slice((pageNumber - 1) * limit, pageNumber * limit) } };
    },
  };

  // --- seeding ------------------------------------------------------------------

  const api = {
    defineUdf({ key, dataType = 'STRING', label = null }) {
      if (!DATA_TYPES.includes(dataType)) throw new Error(`dataType must be one of ${DATA_TYPES.join(', ')}`);
      state.udfs.set(String(key), { key: String(key), dataType, label });
      return { key: String(key), dataType, label };
    },
    assignRole(userId, { code, namespace = 'default', description = null, parent = null }) {
      const role = ensureRole({ code, namespace, description, parent });
      if (!state.assignments.has(userId)) state.assignments.set(userId, new Set());
      state.assignments.get(userId).add(roleKey(namespace, code));
      return roleView(role);
    },
    grantResource(userId, { namespace = 'default', code, type = 'DATA', actions = [] }) {
      const grants = state.grants.get(userId) || [];
      const existing = grants.find((grant) => grant.namespace === namespace && grant.code === code);
      if (existing) existing.actions = [...new Set([...existing.actions, ...actions])];
      else grants.push({ namespace, code, type, actions: [...actions] });
      state.grants.set(userId, grants);
    },
    // A path from the organization down to the user's department: names, or
    // node objects ({name, code, ...}) whose fields are kept.
    addOrg(userId, path) {
      const at = ctx.iso();
      const names = path.map((node) => (typeof node === 'string' ? { name: node } : node));
      const orgId = derivedId(`org/${names[0].name}`);
      const nodes = names.map((node, depth) => ({
        type: depth === 0 ? 'org' : 'node', id: depth === 0 ? orgId : derivedId(`org/${names.slice(0, depth + 1).map((n) => n.name).join('/')}`),
        orgId, name: node.name, nameEn: null, description: null, descriptionEn: null, code: null, order: null,
        root: depth === 0, depth, userPoolId: pool, createdAt: at, updatedAt: at, ...node,
      }));
      if (!state.orgs.has(userId)) state.orgs.set(userId, []);
      state.orgs.get(userId).push(nodes);
      return nodes;
    },
    // Allowed to every user unless `allow` lists user ids.
    addApplication({ allow, ...fields }) {
      const at = ctx.iso();
      const id = fields.id || derivedId(`app/${fields.name}/${state.applications.length}`);
      const app = {
        id, name: null, identifier: null, description: null, logo: null, userPoolId: pool, protocol: 'oidc',
        isOfficial: false, isDeleted: false, isDefault: false, createdAt: at, updatedAt: at, ...fields,
      };
      state.applications.push({ app, allow: Array.isArray(allow) ? new Set(allow) : null });
      return { ...app };
    },
    udfs: () => [...state.udfs.values()].map((definition) => ({ ...definition })),
  };

  return {
    rest, resolvers, types, api, reset,
    provides: { customData },
    inputs: { UserDefinedDataInput: { key: 'String!', value: 'String' } },
    enums: { UDFTargetType: TARGET_TYPES, UDFDataType: DATA_TYPES },
  };
};
