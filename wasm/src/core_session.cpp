// The engine's session side: applying what an answer means to the session,
// ending it, and the one shared refresh. See core.h.
#include "authing/core.h"

namespace authing {

bool Core::token_needs_refresh() const {
  const auto& claims = session_.claims();
  if (!claims || !claims->exp) return false;
  double remaining = *claims->exp - now_ / 1000;
  // An expired token is sent anyway: the device clock may be wrong, and the
  // server's answer decides.
  if (remaining <= 0) return false;
  double lifetime = claims->iat ? *claims->exp - *claims->iat : 0;
  double window = lifetime > 0 ? lifetime / 4 : 86400;
  return remaining < window;
}

bool Core::wait_for_refresh(Op& op) {
  for (auto& [id, other] : ops_) {
    if (other.spec != nullptr && other.spec->name == kRefreshOperation && other.stage != Stage::Done &&
        other.stage != Stage::Following) {
      op.stage = Stage::Refreshing;
      other.waiters.push_back(op.id);
      return true;
    }
  }
  const OperationSpec* refresh_spec = find_spec(kRefreshOperation);
  if (refresh_spec == nullptr || now_ - last_refresh_attempt_ < kRefreshRetryIntervalMs) return false;
  op.stage = Stage::Refreshing;
  int refresh_id = ++last_op_id_;
  Op& refresh = ops_[refresh_id];
  refresh.id = refresh_id;
  refresh.spec = refresh_spec;
  refresh.silent = true;
  refresh.refresh_checked = true;
  refresh.coalesce_key = coalesce_key(*refresh.spec, json::object());
  refresh.waiters.push_back(op.id);
  last_refresh_attempt_ = now_;
  dispatch(refresh_id, Input::of(Event::Start));
  return true;
}

void Core::apply(Op& op, Settled settled) {
  // An answer changes the session only if it is still the session the request
  // was sent in (a logout or another login may have happened meanwhile).
  bool same_session = session_.logged_in() && op.generation == generation_;
  static const json kNoUser;
  const json& user = settled.user ? *settled.user : settled.result ? *settled.result : kNoUser;
  switch (settled.change) {
    case SessionChange::None:
      break;
    case SessionChange::Login:
      if (op.id < last_logout_op_ || op.id < last_login_op_) {
        // A logout or a later-started login came after this call began: the
        // server logged this user in, but the session is the later call's.
        reject(op, sdk_error(ErrorKind::Session, code::kSuperseded, lang()));
        return;
      }
      last_login_op_ = op.id;
      ++generation_;
      session_.login(settled.token, user);
      emit_write(op.id, kTokenKey, dump_json(session_.token()));
      emit_user_write(op.id);
      emit_login_state("login");
      break;
    case SessionChange::UpdateUser:
      if (same_session && user_names_session(user)) {
        if (session_.update_user(user) || stored_user_.text != session_.stored_user()) emit_user_write(op.id);
      }
      break;
    case SessionChange::ReplaceToken:
      if (same_session) {
        session_.replace_token(settled.token);
        emit_write(op.id, kTokenKey, dump_json(session_.token()));
        if (session_.has_user()) emit_user_write(op.id);
        emit_login_state("refresh");
      }
      break;
    case SessionChange::Clear:
      if (same_session && op.sent_token == session_.token()) end_session(op, "expired");
      break;
  }
  op.settled = std::move(settled);
  op.stage = Stage::Writing;
  if (op.pending_writes == 0) settle(op);
}

bool Core::user_names_session(const json& user) const {
  auto id = string_member(user, "id");
  return !id || session_.user_id().empty() || *id == session_.user_id();
}

void Core::emit_login_state(std::string_view reason) {
  bool logged_in = session_.logged_in();
  emit_event("loginStateChange", {{"loggedIn", logged_in},
                                  {"reason", reason},
                                  {"userId", logged_in ? json(session_.user_id()) : json(nullptr)}});
}

void Core::end_session(Op& op, std::string_view reason) {
  bool was_logged_in = session_.logged_in();
  session_.clear();
  ++generation_;
  emit_write(op.id, kTokenKey, "null");
  emit_write(op.id, kUserKey, "null");
  if (was_logged_in) emit_login_state(reason);
  op.stage = Stage::Writing;
}

}  // namespace authing
