// Types of authing-wxapp-sdk. The package is CommonJS: dist/index.js sets
// module.exports = { AuthenticationClient, AuthingError } (js/index.js), and
// these are its only values; everything else here is a type. Named exports
// describe that object for `import { AuthenticationClient } from
// "authing-wxapp-sdk"`, `import sdk = require("authing-wxapp-sdk")` and, in
// JavaScript, `const { AuthenticationClient } = require("authing-wxapp-sdk")`.

export { AuthenticationClient } from './client';
export { AuthingError } from './errors';

export type {
  AuthingErrorCause,
  AuthingErrorCode,
  AuthingErrorCodes,
  AuthingErrorConstructor,
  AuthingErrorFields,
  AuthingErrorInit,
  AuthingErrorKind,
  AuthingSdkErrorCode,
  SessionErrorCode,
  WechatErrorCode,
} from './errors';
export type { AuthenticationClientOptions, AuthenticationClientOptionsBase, EncryptFunction } from './options';
export type {
  AuthenticationClientEventName,
  AuthenticationClientEvents,
  AuthenticationClientListener,
  LoggedInChange,
  LoggedOutChange,
  LoginStateChange,
  StorageErrorEvent,
} from './events';
export type { Identity, RegisterProfile, UpdateProfileInput, User } from './users';
export type {
  AuthorizeUrlOptions,
  EmailScene,
  ExtraInputOptions,
  LinkAccountOptions,
  ListApplicationsParams,
  ListAuthorizedResourcesOptions,
  LoginByCodeOptions,
  LoginByPhoneCodeOptions,
  LoginBySubAccountOptions,
  LoginOptions,
  LogoutUrlOptions,
  PhoneNumberDetail,
  RegisterOptions,
  UdvValue,
  UnLinkAccountOptions,
  UpdateAvatarOptions,
} from './arguments';
export type {
  ApplicationPublicDetail,
  AuthorizedResource,
  CheckPasswordStrengthResult,
  CommonMessage,
  KeyValuePair,
  LoginStatus,
  OrgNode,
  PaginatedApplications,
  PaginatedAuthorizedResources,
  PaginatedRoles,
  PasswordSecurityLevel,
  PhoneInfo,
  RefreshedToken,
  ResourceType,
  Role,
  RoleSummary,
  SecurityLevel,
  UdfDataType,
  UserDefinedData,
  UserOrgList,
} from './results';
