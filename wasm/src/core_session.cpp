// The engine's session side: reading the stored session, applying what an
// answer means to it, and the one shared refresh. See core.h.
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
  // Answers to requests sent with a token that is no longer the session's
  // (a logout or another login happened meanwhile) must not touch the session.
  bool same_session = session_.logged_in() && op.sent_token == session_.token();
  static const json kNoUser;
  const json& user = settled.user ? *settled.user : settled.result ? *settled.result : kNoUser;
  switch (settled.change) {
    case SessionChange::None:
      break;
    case SessionChange::Login:
      session_.login(settled.token, user);
      emit_write(op.id, kTokenKey, dump_json(session_.token()));
      emit_user_write(op.id);
      emit_login_state("login");
      break;
    case SessionChange::UpdateUser:
      if (same_session) {
        if (session_.update_user(user) || !user_in_storage_) emit_user_write(op.id);
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
      if (same_session) end_session(op, "expired");
      break;
  }
  op.settled = std::move(settled);
  op.stage = Stage::Writing;
  if (op.pending_writes == 0) settle(op);
}

void Core::end_session(Op& op, std::string_view reason) {
  bool was_logged_in = session_.logged_in();
  session_.clear();
  emit_write(op.id, kTokenKey, "null");
  emit_write(op.id, kUserKey, "null");
  if (was_logged_in) emit_login_state(reason);
  op.stage = Stage::Writing;
}

// ---------------------------------------------------------------- session reading

void Core::read_session() {
  session_state_ = SessionState::Reading;
  read_token_.reset();
  read_user_.reset();
  for (std::string_view key : {kTokenKey, kUserKey}) {
    int id = next_action_id();
    pending_[id] = Pending{PendingKind::SessionRead, 0, std::string(key), -1};
    emit(action::StorageGet{id, std::string(key)});
  }
}

void Core::leave_session_read(const Error& error) {
  // Nothing is assumed about a session storage could not show us: the next
  // call reads again.
  session_state_ = SessionState::Unread;
  for (auto it = pending_.begin(); it != pending_.end();) {
    it = it->second.kind == PendingKind::SessionRead ? pending_.erase(it) : std::next(it);
  }
  std::vector<int> waiters = std::move(session_waiters_);
  session_waiters_.clear();
  for (int waiter : waiters) dispatch(waiter, Input::failed(error));
}

void Core::session_read(const std::string& key, json& outcome) {
  if (session_state_ != SessionState::Reading) return;
  if (const json* fail = member(outcome, "fail")) {
    leave_session_read(
        sdk_error(ErrorKind::Storage, code::kStorage, lang(), string_member(*fail, "errMsg").value_or("")));
    return;
  }
  auto value = outcome.find("value");
  (key == kTokenKey ? read_token_ : read_user_) = value != outcome.end() ? std::move(*value) : json(nullptr);
  if (!read_token_ || !read_user_) return;

  bool rewrite_user = session_.restore(*read_token_, *read_user_, config_->user_pool_id);
  if (config_->token && *config_->token != session_.token() && is_plausible_token(*config_->token)) {
    // A token given to the constructor wins, as in v4 (which wrote it to
    // storage at once); the stored user is kept only if it is the same user.
    std::optional<Claims> claims = decode_claims(*config_->token);
    bool same_user = claims && !claims->subject.empty() && session_.stored_user_id() == claims->subject;
    json kept_user = same_user ? parse_json(session_.stored_user()).value_or(nullptr) : json(nullptr);
    session_.login(*config_->token, kept_user);
    emit_write(0, kTokenKey, dump_json(session_.token()));
    rewrite_user = true;
  }
  if (rewrite_user) {
    emit_user_write(0);
  } else {
    user_in_storage_ = true;
  }
  session_state_ = SessionState::Read;
  std::vector<int> waiters = std::move(session_waiters_);
  session_waiters_.clear();
  for (int waiter : waiters) dispatch(waiter, Input::of(Event::SessionLoaded));
}

}  // namespace authing
