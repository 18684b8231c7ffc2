// The engine's storage side: wx storage is the session's truth and memory its
// cache. Every call starts by reading both keys; writes keep the pair whole.
// See core.h.
#include <algorithm>

#include "authing/core.h"
#include "authing/redact.h"

namespace authing {

// ---------------------------------------------------------------- reading

void Core::read_session() {
  checking_ = true;
  read_token_.reset();
  read_user_.reset();
  read_key(kTokenKey);
  // After the first read the user is read again only when the token changed:
  // the token is the session, and it is a few hundred bytes to the user's few
  // thousand.
  if (session_state_ == SessionState::Unread) read_key(kUserKey);
}

void Core::read_key(std::string_view key) {
  int id = next_action_id();
  pending_[id] = Pending{PendingKind::SessionRead, 0, std::string(key), -1};
  pending_[id].write_count = stored_key(key).writes;
  emit(action::StorageGet{id, std::string(key)});
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

void Core::session_read(const Pending& pending, std::string_view outcome_text) {
  if (!checking_) return;
  bool is_token = pending.key == kTokenKey;
  bool checking_token = is_token && session_state_ == SessionState::Read;
  StoredKey& key = stored_key(pending.key);
  // A key this core wrote after the read was emitted holds that write; and a
  // read that gives the text the last one gave confirms what the core knows,
  // unparsed: the common case, on every call.
  bool written_since = key.writes != pending.write_count;
  if (checking_token && (written_since || (!key.read_outcome.empty() && key.read_outcome == outcome_text))) {
    session_checked();
    return;
  }
  std::optional<json> parsed = parse_json(outcome_text);
  json outcome =
      parsed && parsed->is_object() ? std::move(*parsed) : json{{"fail", {{"errMsg", "malformed outcome"}}}};
  if (const json* fail = member(outcome, "fail")) {
    leave_session_read(
        sdk_error(ErrorKind::Storage, code::kStorage, lang(), string_member(*fail, "errMsg").value_or("")));
    return;
  }
  auto value = outcome.find("value");
  json read = value != outcome.end() ? std::move(*value) : json(nullptr);
  if (read.is_string() && read.get_ref<const std::string&>().empty()) read = nullptr;  // wx: no such key
  if (!written_since) key.read_outcome = std::string(outcome_text);
  if (checking_token) {
    if (key.text == dump_json(read)) {  // the same token, spelt by another writer
      session_checked();
      return;
    }
    read_key(kUserKey);  // the page changed the session: its user too
  }
  (is_token ? read_token_ : read_user_) = std::move(read);
  if (read_token_ && read_user_) session_checked();
}

void Core::session_checked() {
  checking_ = false;
  json token = read_token_ ? std::move(*read_token_) : json();
  json user = read_user_ ? std::move(*read_user_) : json();
  bool changed = read_token_.has_value();
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
  } else if (changed) {
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

// ---------------------------------------------------------------- writing

void Core::emit_write(int op_id, std::string_view key, std::string value_text) {
  int id = next_action_id();
  if (Op* op = find_op(op_id)) ++op->pending_writes;
  StoredKey& stored = stored_key(key);
  Pending& pending = pending_[id] = Pending{PendingKind::Write, op_id, std::string(key)};
  pending.write_count = ++stored.writes;
  pending.written = value_text;
  pending.removal = value_text == "null";
  stored.read_outcome.clear();
  if (value_text == "null") {
    emit(action::StorageRemove{id, std::string(key)});
  } else {
    emit(action::StorageSet{id, std::string(key), std::move(value_text)});
  }
}

void Core::remove_key(int op_id, std::string_view key) {
  for (const auto& [id, pending] : pending_) {
    if (pending.kind == PendingKind::Write && pending.removal && pending.key == key) return;
  }
  emit_write(op_id, key, "null");
}

void Core::emit_user_write(int op_id) {
  // The user carries its token: a token key that missed a write is written
  // first, so the pair is whole again.
  std::string token_text = session_.logged_in() ? dump_json(session_.token()) : "null";
  bool token_on_its_way = std::any_of(pending_.begin(), pending_.end(), [](const auto& entry) {
    return entry.second.kind == PendingKind::Write && entry.second.key == kTokenKey;
  });
  if (!token_on_its_way && stored_token_.text != token_text) emit_write(op_id, kTokenKey, std::move(token_text));
  emit_write(op_id, kUserKey, session_.stored_user());
}

void Core::write_outcome(const Pending& pending, const json& outcome) {
  Op* op = find_op(pending.op);
  if (const json* fail = member(outcome, "fail")) {
    emit_event("storageError", {{"key", pending.key},
                                {"errMsg", redact(string_member(*fail, "errMsg").value_or(""),
                                                  {session_.token()})}});
    if (!pending.removal) {
      // Half a pair must not stay: without its token, the user is removed too.
      int writer = op != nullptr ? op->id : 0;
      if (pending.key == kTokenKey) remove_key(writer, kTokenKey);
      remove_key(writer, kUserKey);
    }
  } else {
    stored_key(pending.key).text = pending.written;
  }
  if (op != nullptr && --op->pending_writes == 0) dispatch(op->id, Input::of(Event::WriteDone));
}

}  // namespace authing
