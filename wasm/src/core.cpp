// The engine that runs every operation through the stages described in core.h.
#include "authing/core.h"

#include <algorithm>
#include <array>

namespace authing {
namespace {

// WeChat refusals of a login code that a fresh code can fix.
constexpr std::array<int, 2> kCodeRefusals{40029, 40163};

bool is_code_refusal(const Error& error) {
  if (error.kind != ErrorKind::Wechat || !error.api_code || !is_integral_number(*error.api_code))
    return false;
  double value = error.api_code->get<double>();
  return std::any_of(kCodeRefusals.begin(), kCodeRefusals.end(), [&](int code) { return code == value; });
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
  Pending pending = std::move(it->second);
  pending_.erase(it);

  std::optional<json> parsed = parse_json(outcome_json);
  json outcome =
      parsed && parsed->is_object() ? std::move(*parsed) : json{{"fail", {{"errMsg", "malformed outcome"}}}};
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
        dispatch(pending.op, Input::failed(sdk_error(ErrorKind::Wechat, code::kWxLogin, lang(),
                                                     "wx.login gave no code")));
        return;
      }
      dispatch(pending.op, Input::with_code(*code));
      return;
    }
    case PendingKind::Http: {
      // HTTP answers come through handle_http; here only failures are expected,
      // and {oversize: {status, length}} from a driver that kept a body over
      // the action's maxBodyBytes to itself.
      if (const json* oversize = member(outcome, "oversize")) {
        // Driver-reported numbers are checked before they become integers.
        double status = number_member(*oversize, "status").value_or(0);
        double length = number_member(*oversize, "length").value_or(0);
        dispatch(pending.op, Input::failed(response_too_large(
                                 status >= 100 && status <= 999 ? static_cast<int>(status) : 0,
                                 length >= 1 && length <= 1e15 ? static_cast<std::size_t>(length) : 0, lang())));
        return;
      }
      json unusable = {{"errMsg", "an http outcome without an answer"}};
      dispatch(pending.op, Input::failed(transport_error(fail != nullptr ? *fail : unusable, lang())));
      return;
    }
    case PendingKind::Write: {
      if (fail != nullptr) {
        emit_event("storageError", ObjectWriter()
                                       .string("key", pending.key)
                                       .string("errMsg", string_member(*fail, "errMsg").value_or(""))
                                       .take());
      }
      if (pending.key == kUserKey) {
        if (fail != nullptr) {
          stored_user_.reset();
        } else {
          stored_user_ = std::move(pending.value);
        }
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
  response.headers_json = std::string(headers_json);
  // An answer too large is refused before anything parses it (too deep ones
  // are refused by parse_json, as everywhere).
  if (body.size() > kMaxResponseBytes) {
    dispatch(op_id, Input::failed(response_too_large(status, body.size(), lang())));
    return;
  }
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
  std::string text = std::move(outbox_.front());
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

void Core::emit_http(int id, const HttpRequest& request) {
  ObjectWriter action(request.json_size_hint() + 32);
  action.number("id", id).string("kind", "http").object("request");
  request.write_members(action);
  emit_text(action.end().take());
}

void Core::emit_write(int op_id, std::string_view key, const json* value) {
  emit_write_text(op_id, key, value != nullptr ? dump_json(*value) : "null");
}

void Core::emit_write_text(int op_id, std::string_view key, std::string value_text) {
  int id = next_action_id();
  if (Op* op = find_op(op_id)) ++op->pending_writes;
  ObjectWriter action(value_text.size() + 64);
  action.number("id", id).string("key", key);
  if (value_text != "null") {
    action.string("kind", "storage.set").raw("value", value_text);
  } else {
    action.string("kind", "storage.remove");
  }
  emit_text(action.take());
  pending_[id] = Pending{PendingKind::Write, op_id, std::string(key), -1, std::move(value_text)};
}

void Core::emit_user_write(Op& op, std::string_view result_text) {
  emit_write_text(op.id, kUserKey, session_.stored_user());
  op.result_write = session_.stored_user() == result_text ? last_action_id_ : 0;
}

void Core::emit_event(std::string_view name, std::string_view payload_json) {
  emit_text(ObjectWriter(payload_json.size() + 48)
                .string("kind", "event")
                .string("name", name)
                .raw("payload", payload_json)
                .take());
}

void Core::emit_login_state(std::string_view reason) {
  ObjectWriter payload;
  bool logged_in = session_.logged_in();
  payload.raw("loggedIn", logged_in ? "true" : "false").string("reason", reason);
  if (logged_in) {
    payload.string("userId", session_.user_id());
  } else {
    payload.raw("userId", "null");
  }
  emit_event("loginStateChange", payload.take());
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
    emit_http(id, request);
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
  emit_http(id, request.value());
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

void Core::settle(Op& op) {
  if (op.failure) {
    if (op.spec->when_logged_out != nullptr) {
      resolve(op, op.spec->when_logged_out(context(), op.args));
    } else {
      reject(op, *op.failure);
    }
    return;
  }
  if (op.settled && !op.settled->result_text.empty()) {
    resolve_text(op, op.settled->result_text, op.result_write);
  } else {
    resolve(op, op.settled ? op.settled->result : json(json::value_t::discarded));
  }
}

void Core::resolve(Op& op, const json& result) {
  resolve_text(op, result.is_discarded() ? std::string() : dump_json(result));
}

void Core::resolve_text(Op& op, std::string result_text, int result_write) {
  op.stage = Stage::Done;
  auto resolve_action = [&](int id) {
    ObjectWriter action(result_write != 0 ? 48 : result_text.size() + 40);
    action.string("kind", "resolve").number("op", id);
    if (result_write != 0) {
      action.number("resultOf", result_write);
    } else if (!result_text.empty()) {
      action.raw("result", result_text);
    }
    emit_text(action.take());
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
  std::string error_text = dump_json(error.to_json());
  auto reject_action = [&](int id) {
    ObjectWriter action(error_text.size() + 40);
    return action.string("kind", "reject").number("op", id).raw("error", error_text).take();
  };
  if (!op.silent) emit_text(reject_action(op.id));
  for (int follower : op.followers) {
    emit_text(reject_action(follower));
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

}  // namespace authing
