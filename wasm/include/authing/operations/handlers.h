// Builders and interpreters of the operations, grouped by concern; the table in
// operations/table.cpp binds them to names.
#pragma once

#include "authing/operation.h"

namespace authing::ops {

// wechat.cpp
Result<HttpRequest> build_login_by_code(const OpContext& ctx, const json& args);
bool login_by_code_may_retry(const json& args);
Result<HttpRequest> build_login_by_phone(const OpContext& ctx, const json& args);
Result<HttpRequest> build_get_phone(const OpContext& ctx, const json& args);
Result<Settled> interpret_login(const OpContext& ctx, const json& args, const HttpResponse& response);
Result<Settled> interpret_get_phone(const OpContext& ctx, const json& args, const HttpResponse& response);

// profile.cpp
Result<HttpRequest> build_update_profile(const OpContext& ctx, const json& args);
Result<Settled> interpret_update_profile(const OpContext& ctx, const json& args,
                                         const HttpResponse& response);
Result<HttpRequest> build_get_current_user(const OpContext& ctx, const json& args);
Result<Settled> interpret_get_current_user(const OpContext& ctx, const json& args,
                                           const HttpResponse& response);
json no_user(const OpContext& ctx, const json& args);

// token.cpp
bool check_login_status_needs_login(const json& args);
json logged_out_status(const OpContext& ctx, const json& args);
Result<HttpRequest> build_check_login_status(const OpContext& ctx, const json& args);
Result<Settled> interpret_check_login_status(const OpContext& ctx, const json& args,
                                             const HttpResponse& response);
Result<HttpRequest> build_refresh_token(const OpContext& ctx, const json& args);
Result<Settled> interpret_refresh_token(const OpContext& ctx, const json& args, const HttpResponse& response);
Result<HttpRequest> build_logout(const OpContext& ctx, const json& args);
Result<Settled> interpret_logout(const OpContext& ctx, const json& args, const HttpResponse& response);

}  // namespace authing::ops
