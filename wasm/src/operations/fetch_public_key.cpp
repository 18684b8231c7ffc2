// The user pool's public key, which passwords are encrypted with: not a public
// method, but the operation the engine runs to serve the publicKey need, once
// per client (core.cpp, serve_public_key).
#include "authing/operations/common.h"
#include "authing/rsa.h"

namespace authing {
namespace {

Step build(const OpContext& ctx, const json&) {
  return make_request(ctx.config, "GET", "/api/v2/.well-known", std::string());
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  auto data = read_rest_answer(response, ctx.lang());
  if (!data.ok()) return data.error();
  auto key = string_member(data.value(), "publicKey");
  if (!key || !parse_rsa_public_key(*key)) {
    return bad_response(response, ctx.lang(), "/.well-known gave no RSA public key");
  }
  return Settled{json(std::move(*key))};
}

const OperationSpec kFetchPublicKey{
    .name = "fetchPublicKey",
    .build = build,
    .interpret = interpret,
};

}  // namespace

const OperationSpec& public_key_operation() { return kFetchPublicKey; }

}  // namespace authing
