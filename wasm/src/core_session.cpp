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

void Core::end_session(Op& op, std::string_view reason) {
  bool was_logged_in = session_.logged_in();
  session_.clear();
  ++generation_;
  emit_write(op.id, kTokenKey, "null");
  emit_write(op.id, kUserKey, "null");
  if (was_logged_in) emit_login_state(reason);
  op.stage = Stage::Writing;
}

// ---------------------------------------------------------------- storage, the session's truth

void Core::read_session() {
  checking_ = true;
  read_token_.reset();
  read_user_.reset();
  for (std::string_view key : {kTokenKey, kUserKey}) {
    int id = next_action_id();
    pending_[id] = Pending{PendingKind::SessionRead, 0, std::string(key), -1};
    pending_[id].write_count = stored_key(key).writes;
    emit(action::StorageGet{id, std::string(key)});
  }
}

void Core::leave_session_read(const Error& error) {
  // Nothing is assumed about a session storage could not show us: the next
  // call reads again.
  checking_ = false;
  for (auto it = pending_.begin(); it != pending_.end();) {
    it = it->second.kind == PendingKind::SessionRead ? pending_.erase(it) : std::next(it);
  }
  std::vector<int> waiters = std::move(session_waiters_);
  session_waiters_.clear();
  for (int waiter : waiters) dispatch(waiter, Input::failed(error));
}

void Core::session_read(const Pending& pending, json& outcome, std::string_view outcome_text) {
  if (!checking_) return;
  if (const json* fail = member(outcome, "fail")) {
    leave_session_read(
        sdk_error(ErrorKind::Storage, code::kStorage, lang(), string_member(*fail, "errMsg").value_or("")));
    return;
  }
  bool is_token = pending.key == kTokenKey;
  StoredKey& key = stored_key(pending.key);
  auto value = outcome.find("value");
  json read = value != outcome.end() ? std::move(*value) : json(nullptr);
  if (read.is_string() && read.get_ref<const std::string&>().empty()) read = nullptr;  // wx: no such key
  // A key this core wrote after the read was emitted holds that write; and a
  // read that gives the text the last one gave confirms the belief.
  bool unchanged = session_state_ == SessionState::Read &&
                   (key.writes != pending.write_count ||
                    (!key.read_outcome.empty() && key.read_outcome == outcome_text) || key.text == dump_json(read));
  if (key.writes == pending.write_count) key.read_outcome = std::string(outcome_text);
  (is_token ? token_unchanged_ : user_unchanged_) = unchanged;
  (is_token ? read_token_ : read_user_) = std::move(read);
  if (read_token_ && read_user_) session_checked();
}

void Core::session_checked() {
  checking_ = false;
  json token = std::move(*read_token_);
  json user = std::move(*read_user_);
  read_token_.reset();
  read_user_.reset();
  if (session_state_ == SessionState::Unread) {
    session_state_ = SessionState::Read;
    stored_token_.text = dump_json(token);
    stored_user_.text = dump_json(user);
    Restored restored = session_.restore(token, user, config_->user_pool_id);
    if (restored.torn) discard_torn_pair();
    if (config_->token && *config_->token != session_.token() && is_plausible_token(*config_->token)) {
      // A token given to the constructor wins, as in v4 (which wrote it to
      // storage at once); the stored user is kept only if it is the same user.
      std::optional<Claims> claims = decode_claims(*config_->token);
      bool same_user = claims && !claims->subject.empty() && session_.stored_user_id() == claims->subject;
      json kept_user = same_user ? parse_json(session_.stored_user()).value_or(nullptr) : json(nullptr);
      session_.login(*config_->token, kept_user);
      emit_write(0, kTokenKey, dump_json(session_.token()));
      restored.rewrite_user = true;
    }
    if (restored.rewrite_user) emit_user_write(0);
  } else if (!token_unchanged_ || !user_unchanged_) {
    adopt_stored_session(token, user);
  }
  std::vector<int> waiters = std::move(session_waiters_);
  session_waiters_.clear();
  for (int waiter : waiters) dispatch(waiter, Input::of(Event::SessionLoaded));
}

void Core::adopt_stored_session(const json& token, const json& user) {
  stored_token_.text = dump_json(token);
  stored_user_.text = dump_json(user);
  Session stored;
  Restored restored = stored.restore(token, user, config_->user_pool_id);
  if (restored.torn) discard_torn_pair();
  bool was_logged_in = session_.logged_in();
  bool same_user = was_logged_in && stored.logged_in() && !stored.user_id().empty() &&
                   stored.user_id() == session_.user_id();
  bool token_changed = stored.token() != session_.token();
  session_ = std::move(stored);
  if (!same_user) ++generation_;
  if ((was_logged_in || session_.logged_in()) && (!same_user || token_changed)) emit_login_state("storage");
  if (restored.rewrite_user) emit_user_write(0);
}

void Core::discard_torn_pair() {
  emit_write(0, kTokenKey, "null");
  emit_write(0, kUserKey, "null");
}

}  // namespace authing
