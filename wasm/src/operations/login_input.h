// What the password, code and register operations share: their optional
// arguments (an options object, a profile) and how v4 maps them into the
// GraphQL input, so that every one of them reads its options the same way.
#pragma once

#include <string_view>

#include "authing/operations/common.h"

namespace authing::ops {

// args[key] as an object: an empty one when absent or null, an argument error
// when it is anything else.
Result<json> object_arg(const json& args, std::string_view key, Lang lang);

// options[key] as a boolean; false when absent or null.
Result<bool> bool_option(const json& options, std::string_view key, Lang lang);

// Sets input[key] to options[key] when it is given: a string without control
// characters, sent as it is (an empty captchaCode from a form field the user
// left blank goes out as v4 sends it); an argument error naming
// "options.<key>" when it is not a string.
std::optional<Error> copy_string_option(const json& options, std::string_view key, json& input, Lang lang);

// The members v4 adds to every login and register input, in its order:
// clientIp (when given), then params and context, each JSON text or null.
// params is customData as a list of {key, value} (or v4's deprecated params
// list as given), which the server writes into the user's custom fields;
// context goes to the user pool's pipeline.
std::optional<Error> add_extra_input(const json& options, json& input, Lang lang);

// The rest of a register input, in v4's order: args.profile (an object, {}
// when absent), options.forceLogin and options.generateToken (false when
// absent), then add_extra_input's members.
std::optional<Error> add_register_input(const json& args, json& input, Lang lang);

// Completes a request whose `input` has a "password" member waiting for the
// encrypted password: the step to take first (the public key, random bytes,
// an encryptFunction's answer), or the GraphQL request with
// {input: <input, password encrypted>}.
Step with_encrypted_password(const OpContext& ctx, const json& args, std::string_view document, json input);

// A register answer: a user with a token (forceLogin, generateToken) becomes
// the session as a login does; a user without one is only returned.
Verdict register_answer(const OpContext& ctx, const HttpResponse& response, std::string_view field);

}  // namespace authing::ops
