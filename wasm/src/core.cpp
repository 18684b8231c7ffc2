// The engine that runs every operation through the stages described in core.h.
#include "authing/core.h"

#include <algorithm>
#include <array>

namespace authing {
namespace {

constexpr std::string_view kRefreshOperation = "refreshToken";

// WeChat refusals of a login code that a fresh code can fix.
constexpr std::array<int, 2> kCodeRefusals{40029, 40163};

bool is_code_refusal(const Error& error) {
  if (error.kind != ErrorKind::Wechat || !error.api_code || !is_integral_number(*error.api_code)) return false;
  double value = error.api_code->get<double>();
  return std::any_of(kCodeRefusals.begin(), kCodeRefusals.end(), [&](int code) { return code == value; });
}

std::string coalesce_key(const OperationSpec& spec, const json& args) {
  return std::string(spec.name) + '\n' + dump_json(args);
}

}  // namespace

const Core::Transition Core::kTransitions[] = {
    {Stage::Queued, Event::Start, &Core::on_start},
    {Stage::LoadingSession, Event::SessionLoaded, &Core::on_session_loaded},
    {Stage::LoadingSession, Event::Failed, &Core::on_failed},
    {Stage::Refreshing, Event::RefreshDone, &Core::on_refresh_done},
    {Stage::FetchingCode, Event::Code, &Core::on_code},
    {Stage::FetchingCode, Event::Failed, &Core::on_failed},
    {Stage::Requesting, Event::Answer, &Core::on_answer},
    {Stage::Requesting, Event::Failed, &Core::on_request_failed},
    {Stage::Writing, Event::WriteDone, &Core::on_write_done},
};

Core::Core(std::string_view options_json) {
  auto config = parse_config(options_json);
  if (config.ok()) {
    config_ = config.value();
  } else {
    config_error_ = config.error();
  }
}

std::string Core::operations() { return dump_json(describe_operations()); }

Core::Op* Core::find_op(int id) {
  auto it = ops_.find(id);
  return it == ops_.end() ? nullptr : &it->second;
}

// ---------------------------------------------------------------- inputs

int Core::start(std::string_view name, std::string_view args_json, double now) {
  note_time(now);
  int id = ++last_op_id_;
  Op& op = ops_[id];
  op.id = id;
  if (config_error_) {
    reject(op, *config_error_);
    return id;
  }
  op.spec = find_operation(name);
  if (op.spec == nullptr) {
    reject(op, sdk_error(ErrorKind::Argument, code::kUnknownOperation, lang(), name));
    return id;
  }
  std::optional<json> args = parse_json(args_json);
  if (!args || !args->is_object()) {
    reject(op, sdk_error(ErrorKind::Argument, code::kArgument, lang(), "arguments must be a JSON object"));
    return id;
  }
  op.args = std::move(*args);
  if (op.spec->coalesce) {
    op.coalesce_key = coalesce_key(*op.spec, op.args);
    for (auto& [other_id, other] : ops_) {
      if (other_id != id && other.coalesce_key == op.coalesce_key && other.stage != Stage::Following &&
          other.stage != Stage::Done) {
        op.stage = Stage::Following;
        other.followers.push_back(id);
        return id;
      }
    }
  }
  dispatch(id, Input::of(Event::Start));
  return id;
}

void Core::handle(int action_id, std::string_view outcome_json, double now) {
  note_time(now);
  auto it = pending_.find(action_id);
  if (it == pending_.end()) return;  // late answer to an action the core gave up on
  Pending pending = it->second;
  pending_.erase(it);

  std::optional<json> parsed = parse_json(outcome_json);
  json outcome = parsed && parsed->is_object() ? std::move(*parsed)
                                               : json{{"fail", {{"errMsg", "malformed outcome"}}}};
  const json* fail = member(outcome, "fail");

  switch (pending.kind) {
    case PendingKind::SessionRead:
      session_read(pending.key, outcome);
      return;
    case PendingKind::WxLogin: {
      if (fail != nullptr) {
        dispatch(pending.op, Input::failed(transport_error(*fail, lang(), ErrorKind::Wechat)));
        return;
      }
      std::optional<std::string> code = string_member(outcome, "code");
      if (!code || code->empty() || !is_header_safe(*code)) {
        dispatch(pending.op, Input::failed(sdk_error(ErrorKind::Wechat, code::kWxLogin, lang(), "wx.login gave no code")));
        return;
      }
      dispatch(pending.op, Input::with_code(*code));
      return;
    }
    case PendingKind::Http: {
      if (fail != nullptr) {
        dispatch(pending.op, Input::failed(transport_error(*fail, lang())));
        return;
      }
      HttpResponse response;
      response.status = static_cast<int>(number_member(outcome, "status").value_or(0));
      if (const json* headers = member(outcome, "headers"); headers != nullptr && headers->is_object()) {
        response.headers = *headers;
      }
      response.body = string_member(outcome, "body").value_or("");
      dispatch(pending.op, Input::answer(response));
      return;
    }
    case PendingKind::Write: {
      if (fail != nullptr) {
        emit_event("storageError", {{"key", pending.key},
                                    {"errMsg", string_member(*fail, "errMsg").value_or("")}});
      }
      Op* op = find_op(pending.op);
      if (op != nullptr && --op->pending_writes == 0) dispatch(op->id, Input::of(Event::WriteDone));
      return;
    }
  }
}

void Core::handle_http(int action_id, int status, std::string_view headers_json, std::string_view body,
                       double now) {
  note_time(now);
  auto it = pending_.find(action_id);
  if (it == pending_.end() || it->second.kind != PendingKind::Http) return;
  int op_id = it->second.op;
  pending_.erase(it);
  HttpResponse response;
  response.status = status;
  if (auto headers = parse_json(headers_json); headers && headers->is_object()) response.headers = *headers;
  response.body = std::string(body);
  dispatch(op_id, Input::answer(response));
}

void Core::handle_timeout(double now) {
  note_time(now);
  std::vector<std::pair<int, Pending>> expired;
  for (const auto& [id, pending] : pending_) {
    if (pending.deadline >= 0 && pending.deadline <= now) expired.emplace_back(id, pending);
  }
  for (const auto& [id, pending] : expired) {
    pending_.erase(id);
    std::string detail = pending.kind == PendingKind::WxLogin ? "wx.login gave no answer" : "no answer";
    dispatch(pending.op, Input::failed(sdk_error(ErrorKind::Timeout, code::kTimeout, lang(), detail)));
  }
}

// ---------------------------------------------------------------- outputs

std::string Core::poll() {
  if (outbox_.empty()) return std::string();
  std::string text = dump_json(outbox_.front());
  outbox_.pop_front();
  return text;
}

double Core::poll_timeout() const {
  double next = -1;
  for (const auto& [id, pending] : pending_) {
    if (pending.deadline >= 0 && (next < 0 || pending.deadline < next)) next = pending.deadline;
  }
  return next;
}

void Core::emit(json action) { outbox_.push_back(std::move(action)); }

void Core::emit_write(int op_id, std::string_view key, const json* value) {
  int id = next_action_id();
  pending_[id] = Pending{PendingKind::Write, op_id, std::string(key), -1};
  if (Op* op = find_op(op_id)) ++op->pending_writes;
  if (value != nullptr && !value->is_null()) {
    emit({{"id", id}, {"kind", "storage.set"}, {"key", key}, {"value", *value}});
  } else {
    emit({{"id", id}, {"kind", "storage.remove"}, {"key", key}});
  }
}

void Core::emit_event(std::string_view name, json payload) {
  emit({{"kind", "event"}, {"name", name}, {"payload", std::move(payload)}});
}

void Core::emit_login_state(std::string_view reason) {
  json user_id = session_.logged_in() ? json(session_.user_id()) : json(nullptr);
  emit_event("loginStateChange", {{"loggedIn", session_.logged_in()}, {"reason", reason}, {"userId", user_id}});
}

// ---------------------------------------------------------------- transitions

void Core::dispatch(int op_id, const Input& input) {
  Op* op = find_op(op_id);
  if (op == nullptr) return;
  for (const Transition& transition : kTransitions) {
    if (transition.stage == op->stage && transition.event == input.event) {
      (this->*transition.handler)(*op, input);
      return;
    }
  }
}

void Core::on_start(Op& op, const Input&) {
  if (session_state_ == SessionState::Read) {
    proceed(op);
    return;
  }
  op.stage = Stage::LoadingSession;
  session_waiters_.push_back(op.id);
  if (session_state_ == SessionState::Unread) read_session();
}

void Core::on_session_loaded(Op& op, const Input&) { proceed(op); }

void Core::on_refresh_done(Op& op, const Input& input) {
  if (input.session_ended) {
    if (op.spec->when_logged_out != nullptr) {
      resolve(op, op.spec->when_logged_out(context(), op.args));
    } else {
      reject(op, input.error ? *input.error : session_error(code::kTokenExpired, lang()));
    }
    return;
  }
  op.refresh_checked = true;
  proceed(op);
}

void Core::on_code(Op& op, const Input& input) {
  op.args["code"] = input.code;
  send_request(op);
}

void Core::on_answer(Op& op, const Input& input) {
  Result<Settled> settled = op.spec->interpret(context(), op.args, *input.response);
  if (settled.ok()) {
    apply(op, std::move(settled.value()));
  } else {
    fail(op, settled.error());
  }
}

void Core::on_failed(Op& op, const Input& input) { reject(op, *input.error); }

void Core::on_request_failed(Op& op, const Input& input) {
  if (op.spec->ends_session) {
    resolve(op, json(json::value_t::discarded));  // logged out here; the server is out of reach
    return;
  }
  reject(op, *input.error);
}

void Core::on_write_done(Op& op, const Input&) {
  if (op.deferred_request) {
    HttpRequest request = std::move(*op.deferred_request);
    op.deferred_request.reset();
    int id = next_action_id();
    pending_[id] = Pending{PendingKind::Http, op.id, {}, now_ + request.timeout_ms + kDeadlineGraceMs};
    emit({{"id", id}, {"kind", "http"}, {"request", request.to_json()}});
    op.stage = Stage::Requesting;
    return;
  }
  settle(op);
}

// ---------------------------------------------------------------- steps

void Core::proceed(Op& op) {
  const OperationSpec& spec = *op.spec;
  if (spec.ends_session) {
    if (session_.logged_in()) {
      Result<HttpRequest> request = spec.build(context(), op.args);
      if (request.ok()) op.deferred_request = std::move(request.value());
    }
    end_session(op, "logout");
    if (op.pending_writes == 0) settle(op);
    return;
  }
  bool needs_login = spec.needs_login != nullptr && spec.needs_login(op.args);
  if (needs_login && !session_.logged_in()) {
    if (spec.when_logged_out != nullptr) {
      resolve(op, spec.when_logged_out(context(), op.args));
    } else {
      reject(op, session_error(code::kNotLoggedIn, lang()));
    }
    return;
  }
  if (needs_login && !op.refresh_checked && spec.name != kRefreshOperation && token_needs_refresh() &&
      wait_for_refresh(op)) {
    return;
  }
  op.refresh_checked = true;
  const json* code = member(op.args, "code");
  if (spec.takes_wx_code && (code == nullptr || code->is_null())) {
    fetch_code(op);
    return;
  }
  send_request(op);
}

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
  if (now_ - last_refresh_attempt_ < kRefreshRetryIntervalMs) return false;
  op.stage = Stage::Refreshing;
  int refresh_id = ++last_op_id_;
  Op& refresh = ops_[refresh_id];
  refresh.id = refresh_id;
  refresh.spec = find_operation(kRefreshOperation);
  refresh.silent = true;
  refresh.refresh_checked = true;
  refresh.coalesce_key = coalesce_key(*refresh.spec, json::object());
  refresh.waiters.push_back(op.id);
  last_refresh_attempt_ = now_;
  dispatch(refresh_id, Input::of(Event::Start));
  return true;
}

void Core::fetch_code(Op& op) {
  int id = next_action_id();
  double timeout = config_->timeout_ms;
  pending_[id] = Pending{PendingKind::WxLogin, op.id, {}, now_ + timeout + kDeadlineGraceMs};
  emit({{"id", id}, {"kind", "wx.login"}, {"timeoutMs", config_->timeout_ms}});
  op.stage = Stage::FetchingCode;
}

void Core::send_request(Op& op) {
  Result<HttpRequest> request = op.spec->build(context(), op.args);
  if (!request.ok()) {
    reject(op, request.error());
    return;
  }
  op.sent_token = request.value().carries_token() ? session_.token() : std::string();
  int id = next_action_id();
  pending_[id] = Pending{PendingKind::Http, op.id, {}, now_ + request.value().timeout_ms + kDeadlineGraceMs};
  emit({{"id", id}, {"kind", "http"}, {"request", request.value().to_json()}});
  op.stage = Stage::Requesting;
}

void Core::fail(Op& op, const Error& error) {
  const OperationSpec& spec = *op.spec;
  if (is_code_refusal(error) && spec.may_retry_code != nullptr && spec.may_retry_code(op.args) &&
      op.code_retries == 0) {
    ++op.code_retries;
    op.args.erase("code");
    fetch_code(op);
    return;
  }
  bool token_refused = error.api_code && is_session_ending_code(*error.api_code);
  if (token_refused && !op.sent_token.empty() && op.sent_token == session_.token()) {
    op.failure = error;
    end_session(op, "expired");
    if (op.pending_writes == 0) settle(op);
    return;
  }
  reject(op, error);
}

void Core::apply(Op& op, Settled settled) {
  // Answers to requests sent with a token that is no longer the session's
  // (a logout or another login happened meanwhile) must not touch the session.
  bool same_session = session_.logged_in() && op.sent_token == session_.token();
  switch (settled.change) {
    case SessionChange::None:
      break;
    case SessionChange::Login: {
      session_.login(settled.token, settled.user);
      json token = session_.token();
      json user = session_.stored_user();
      emit_write(op.id, kTokenKey, &token);
      emit_write(op.id, kUserKey, &user);
      emit_login_state("login");
      break;
    }
    case SessionChange::UpdateUser:
      if (same_session) {
        session_.update_user(settled.user);
        json user = session_.stored_user();
        emit_write(op.id, kUserKey, &user);
      }
      break;
    case SessionChange::ReplaceToken:
      if (same_session) {
        session_.replace_token(settled.token);
        json token = session_.token();
        emit_write(op.id, kTokenKey, &token);
        if (session_.user().is_object()) {
          json user = session_.stored_user();
          emit_write(op.id, kUserKey, &user);
        }
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
  emit_write(op.id, kTokenKey, nullptr);
  emit_write(op.id, kUserKey, nullptr);
  if (was_logged_in) emit_login_state(reason);
  op.stage = Stage::Writing;
}

void Core::settle(Op& op) {
  if (op.failure) {
    if (op.spec->when_logged_out != nullptr) {
      resolve(op, op.spec->when_logged_out(context(), op.args));
    } else {
      reject(op, *op.failure);
    }
    return;
  }
  resolve(op, op.settled ? op.settled->result : json(json::value_t::discarded));
}

void Core::resolve(Op& op, const json& result) {
  op.stage = Stage::Done;
  auto resolve_action = [&](int id) {
    json action = {{"kind", "resolve"}, {"op", id}};
    if (!result.is_discarded()) action["result"] = result;
    emit(std::move(action));
  };
  if (!op.silent) resolve_action(op.id);
  for (int follower : op.followers) {
    resolve_action(follower);
    ops_.erase(follower);
  }
  std::vector<int> waiters = std::move(op.waiters);
  finish(op);
  for (int waiter : waiters) {
    dispatch(waiter, Input::refresh_done(!session_.logged_in(), std::nullopt));
  }
}

void Core::reject(Op& op, const Error& cause) {
  Error error = cause;  // `cause` may live in `op`, which finish() destroys
  op.stage = Stage::Done;
  json error_json = error.to_json();
  if (!op.silent) emit({{"kind", "reject"}, {"op", op.id}, {"error", error_json}});
  for (int follower : op.followers) {
    emit({{"kind", "reject"}, {"op", follower}, {"error", error_json}});
    ops_.erase(follower);
  }
  std::vector<int> waiters = std::move(op.waiters);
  finish(op);
  for (int waiter : waiters) {
    dispatch(waiter, Input::refresh_done(!session_.logged_in(), error));
  }
}

void Core::finish(Op& op) {
  int id = op.id;
  for (auto it = pending_.begin(); it != pending_.end();) {
    it = it->second.op == id && it->second.kind != PendingKind::Write ? pending_.erase(it) : std::next(it);
  }
  for (auto& [pending_id, pending] : pending_) {
    if (pending.op == id) pending.op = 0;  // its write still lands; nobody waits for it
  }
  ops_.erase(id);
}

// ---------------------------------------------------------------- session reading

void Core::read_session() {
  session_state_ = SessionState::Reading;
  read_token_.reset();
  read_user_.reset();
  for (std::string_view key : {kTokenKey, kUserKey}) {
    int id = next_action_id();
    pending_[id] = Pending{PendingKind::SessionRead, 0, std::string(key), -1};
    emit({{"id", id}, {"kind", "storage.get"}, {"key", key}});
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

void Core::session_read(const std::string& key, const json& outcome) {
  if (session_state_ != SessionState::Reading) return;
  if (const json* fail = member(outcome, "fail")) {
    leave_session_read(sdk_error(ErrorKind::Storage, code::kStorage, lang(),
                                 string_member(*fail, "errMsg").value_or("")));
    return;
  }
  const json* value = member(outcome, "value");
  json stored = value != nullptr ? *value : json(nullptr);
  (key == kTokenKey ? read_token_ : read_user_) = std::move(stored);
  if (!read_token_ || !read_user_) return;

  bool rewrite_user = session_.restore(*read_token_, *read_user_);
  if (config_->token && *config_->token != session_.token() && is_plausible_token(*config_->token)) {
    // A token given to the constructor wins, as in v4 (which wrote it to
    // storage at once); the stored user is kept only if it is the same user.
    std::optional<Claims> claims = decode_claims(*config_->token);
    bool same_user = claims && !claims->subject.empty() &&
                     string_member(session_.user(), "id").value_or("") == claims->subject;
    session_.login(*config_->token, same_user ? session_.user() : json(nullptr));
    json token = session_.token();
    emit_write(0, kTokenKey, &token);
    rewrite_user = true;
  }
  if (rewrite_user) {
    json user = session_.stored_user();
    emit_write(0, kUserKey, &user);
  }
  session_state_ = SessionState::Read;
  std::vector<int> waiters = std::move(session_waiters_);
  session_waiters_.clear();
  for (int waiter : waiters) dispatch(waiter, Input::of(Event::SessionLoaded));
}

}  // namespace authing
