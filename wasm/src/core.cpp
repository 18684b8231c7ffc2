// The engine that runs every operation through the stages described in core.h.
#include "authing/core.h"

#include <algorithm>

#include "authing/overloaded.h"
#include "authing/redact.h"

namespace authing {

const Core::Transition Core::kTransitions[] = {
    {Stage::Queued, Event::Start, &Core::on_start},
    {Stage::LoadingSession, Event::SessionLoaded, &Core::on_session_loaded},
    {Stage::LoadingSession, Event::Failed, &Core::on_failed},
    {Stage::Refreshing, Event::RefreshDone, &Core::on_refresh_done},
    {Stage::Waiting, Event::Answer, &Core::on_answer},
    {Stage::Waiting, Event::Supplied, &Core::on_supplied},
    {Stage::Waiting, Event::Failed, &Core::on_wait_failed},
    {Stage::Writing, Event::WriteDone, &Core::on_write_done},
};

Core::Core(std::string_view options_json, const std::vector<const OperationSpec*>& table) : table_(table) {
  auto config = parse_config(options_json);
  if (config.ok()) {
    config_ = config.value();
    public_key_ = config_->public_key;
  } else {
    config_error_ = config.error();
  }
}

std::string Core::operations() { return dump_json(describe_operations()); }

std::string Core::coalesce_key(const OperationSpec& spec, const json& args) {
  return std::string(spec.name) + '\n' + dump_json(args);
}

const OperationSpec* Core::find_spec(std::string_view name) const {
  for (const OperationSpec* spec : table_) {
    if (spec->name == name) return spec;
  }
  return nullptr;
}

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
  op.spec = find_spec(name);
  if (op.spec == nullptr) {
    reject(op, sdk_error(ErrorKind::Argument, code::kUnknownOperation, lang(), name));
    return id;
  }
  std::optional<json> args = parse_json(args_json);
  if (!args || !args->is_object()) {
    reject(op, sdk_error(ErrorKind::Argument, code::kArgument, lang(), "arguments must be a JSON object"));
    return id;
  }
  // "$" names hold what the engine supplied (a public key, random bytes, a
  // ciphertext); one given by the caller would stand in for them unchecked.
  for (auto it = args->begin(); it != args->end(); ++it) {
    if (it.key().rfind('$', 0) == 0) {
      reject(op,
             sdk_error(ErrorKind::Argument, code::kArgument, lang(), "argument names may not start with $"));
      return id;
    }
  }
  op.args = std::move(*args);
  if (op.spec->ends_session) last_logout_op_ = id;
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

void Core::handle(int action_id, std::string_view outcome_json, std::string_view body, double now) {
  note_time(now);
  auto it = pending_.find(action_id);
  if (it == pending_.end()) return;  // late answer to an action the core gave up on
  if (it->second.kind == PendingKind::Delay) return;  // never emitted: only the clock ends it
  Pending pending = std::move(it->second);
  pending_.erase(it);
  if (pending.kind == PendingKind::SessionRead) {
    session_read(pending, outcome_json);  // parsed there, and only when it must be
    return;
  }

  std::optional<json> parsed = parse_json(outcome_json);
  json outcome =
      parsed && parsed->is_object() ? std::move(*parsed) : json{{"fail", {{"errMsg", "malformed outcome"}}}};
  switch (pending.kind) {
    case PendingKind::Http:
      http_outcome(pending.op, outcome, body);
      return;
    case PendingKind::Need:
      need_outcome(pending, outcome);
      return;
    case PendingKind::Write:
      write_outcome(pending, outcome);
      return;
    case PendingKind::SessionRead:  // handled above
    case PendingKind::Delay:
      return;
  }
}

void Core::http_outcome(int op_id, const json& outcome, std::string_view body) {
  if (const json* oversize = member(outcome, "oversize")) {
    // A driver keeps a body over the action's maxBodyBytes to itself; its
    // numbers are checked before they become integers.
    double status = number_member(*oversize, "status").value_or(0);
    double length = number_member(*oversize, "length").value_or(0);
    dispatch(op_id, Input::failed(response_too_large(
                        status >= 100 && status <= 999 ? static_cast<int>(status) : 0,
                        length >= 1 && length <= 1e15 ? static_cast<std::size_t>(length) : 0, lang())));
    return;
  }
  const json* fail = member(outcome, "fail");
  const json* status = member(outcome, "status");
  if (fail != nullptr || status == nullptr || !is_integral_number(*status)) {
    json unusable = {{"errMsg", "an http outcome without an answer"}};
    dispatch(op_id, Input::failed(transport_error(fail != nullptr ? *fail : unusable, lang())));
    return;
  }
  HttpResponse response;
  double code = status->get<double>();
  response.status = code >= 0 && code <= 999 ? static_cast<int>(code) : 0;
  if (const json* headers = member(outcome, "headers"); headers != nullptr && headers->is_object()) {
    response.headers = *headers;
  }
  // An answer too large is refused before anything parses it (too deep ones
  // are refused by parse_json, as everywhere).
  if (body.size() > kMaxResponseBytes) {
    dispatch(op_id, Input::failed(response_too_large(response.status, body.size(), lang())));
    return;
  }
  response.body = std::string(body);
  dispatch(op_id, Input::answer(response));
}

void Core::need_outcome(const Pending& pending, const json& outcome) {
  if (const json* fail = member(outcome, "fail")) {
    dispatch(pending.op, Input::failed(transport_error(*fail, lang(), pending.need->failure,
                                                       pending.need->failure_code)));
    return;
  }
  const json* value = member(outcome, "value");
  Result<json> accepted = pending.need->accept(value != nullptr ? *value : json(), lang());
  if (!accepted.ok()) {
    dispatch(pending.op, Input::failed(accepted.error()));
    return;
  }
  dispatch(pending.op, Input::supplied(pending.key, std::move(accepted.value())));
}

void Core::handle_timeout(double now) {
  note_time(now);
  std::vector<std::pair<int, Pending>> expired;
  for (const auto& [id, pending] : pending_) {
    if (pending.deadline >= 0 && pending.deadline <= now) expired.emplace_back(id, pending);
  }
  for (const auto& [id, pending] : expired) {
    pending_.erase(id);
    if (pending.kind == PendingKind::Delay) {
      dispatch(pending.op, Input::supplied(pending.key, pending.value));
      continue;
    }
    std::string detail =
        pending.need != nullptr ? std::string(pending.need->name) + " gave no answer" : "no answer";
    dispatch(pending.op, Input::failed(sdk_error(ErrorKind::Timeout, code::kTimeout, lang(), detail)));
  }
}

void Core::cancel(int op_id) {
  Op* op = find_op(op_id);
  if (op == nullptr) return;
  if (op->stage != Stage::Following) {
    op->silent = true;
    return;
  }
  for (auto& [id, leader] : ops_) {
    auto follower = std::find(leader.followers.begin(), leader.followers.end(), op_id);
    if (follower != leader.followers.end()) leader.followers.erase(follower);
  }
  ops_.erase(op_id);
}

// ---------------------------------------------------------------- outputs

std::vector<Action> Core::poll() { return std::exchange(outbox_, {}); }

double Core::poll_timeout() const {
  double next = -1;
  for (const auto& [id, pending] : pending_) {
    if (pending.deadline >= 0 && (next < 0 || pending.deadline < next)) next = pending.deadline;
  }
  return next;
}

void Core::emit_event(std::string_view name, json payload) {
  emit(action::Event{std::string(name), std::move(payload)});
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
  op.stage = Stage::LoadingSession;
  session_waiters_.push_back(op.id);
  if (!checking_) read_session();
}

void Core::on_session_loaded(Op& op, const Input&) { proceed(op); }

void Core::on_refresh_done(Op& op, const Input& input) {
  if (input.session_ended) {
    if (op.spec->when_logged_out != nullptr) {
      resolve(op, op.spec->when_logged_out(context(op), op.args));
    } else {
      reject(op, input.error ? *input.error : session_error(code::kTokenExpired, lang()));
    }
    return;
  }
  op.refresh_checked = true;
  proceed(op);
}

void Core::on_answer(Op& op, const Input& input) {
  Verdict verdict = op.spec->interpret(context(op), op.args, *input.response);
  ++op.answers;
  std::visit(Overloaded{
                 [&](Settled& settled) { apply(op, std::move(settled)); },
                 [&](Need& need) { ask(op, std::move(need)); },
                 [&](Error& error) { fail(op, error); },
             },
             verdict);
}

void Core::on_supplied(Op& op, const Input& input) {
  op.args[input.into] = input.value;
  next_step(op);
}

void Core::on_failed(Op& op, const Input& input) { reject(op, *input.error); }

void Core::on_wait_failed(Op& op, const Input& input) {
  if (op.spec->ends_session) {
    resolve(op, std::nullopt);  // logged out here; the server is out of reach
    return;
  }
  reject(op, *input.error);
}

void Core::on_write_done(Op& op, const Input&) {
  if (op.deferred_request) {
    HttpRequest request = std::move(*op.deferred_request);
    op.deferred_request.reset();
    send(op, request);
    return;
  }
  settle(op);
}

// ---------------------------------------------------------------- steps

void Core::proceed(Op& op) {
  const OperationSpec& spec = *op.spec;
  if (spec.ends_session) {
    if (session_.logged_in()) {
      Step step = spec.build(context(op), op.args);
      if (auto* request = std::get_if<HttpRequest>(&step)) op.deferred_request = std::move(*request);
    }
    end_session(op, "logout");
    if (op.pending_writes == 0) settle(op);
    return;
  }
  bool needs_login = spec.needs_login != nullptr && spec.needs_login(op.args);
  if (needs_login && !session_.logged_in()) {
    if (spec.when_logged_out != nullptr) {
      resolve(op, spec.when_logged_out(context(op), op.args));
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
  next_step(op);
}

void Core::next_step(Op& op) {
  Step step = op.spec->build(context(op), op.args);
  std::visit(Overloaded{
                 [&](HttpRequest& request) { send(op, request); },
                 [&](Need& need) { ask(op, std::move(need)); },
                 [&](Error& error) { reject(op, error); },
                 [&](Settled& settled) {
                   if (op.spec->local_session_change) {
                     op.sent_token = session_.token();
                     op.generation = generation_;
                   }
                   apply(op, std::move(settled));
                 },
             },
             step);
}

void Core::send(Op& op, const HttpRequest& request) {
  op.sent_token = request.carries_token() ? session_.token() : std::string();
  op.generation = generation_;
  int id = next_action_id();
  pending_[id] = Pending{PendingKind::Http, op.id, {}, now_ + request.timeout_ms + kDeadlineGraceMs};
  emit(action::Http{id, request});
  op.stage = Stage::Waiting;
}

void Core::ask(Op& op, Need need) {
  if (need.kind == kPublicKeyNeed) {
    serve_public_key(op, std::move(need.into));
    return;
  }
  if (need.kind == kDelayNeed) {
    // A wait of at most a minute: a back-off, never a way to park a call.
    double ms = number_member(need.params, "ms").value_or(0);
    const json* given = member(need.params, "value");
    json value = given != nullptr ? *given : json(true);
    op.stage = Stage::Waiting;
    if (!(ms > 0 && ms <= 60000)) {
      dispatch(op.id, Input::supplied(std::move(need.into), std::move(value)));
      return;
    }
    Pending wait{PendingKind::Delay, op.id, std::move(need.into), now_ + ms};
    wait.value = std::move(value);
    pending_[next_action_id()] = std::move(wait);
    return;
  }
  const NeedKind* kind = find_need_kind(need.kind);
  if (kind == nullptr) {
    reject(op, sdk_error(ErrorKind::Runtime, code::kInternal, lang(), "unknown need " + need.kind));
    return;
  }
  int id = next_action_id();
  pending_[id] = Pending{PendingKind::Need, op.id, std::move(need.into),
                         kind->has_deadline ? deadline_after_timeout() : -1, kind};
  emit(action::Need{id, std::move(need.kind), std::move(need.params)});
  op.stage = Stage::Waiting;
}

void Core::serve_public_key(Op& op, std::string into) {
  op.stage = Stage::Waiting;
  if (!public_key_.empty()) {
    dispatch(op.id, Input::supplied(std::move(into), public_key_));
    return;
  }
  key_waiters_.emplace_back(op.id, std::move(into));
  if (key_fetch_op_ != 0) return;
  int fetch_id = ++last_op_id_;
  Op& fetch = ops_[fetch_id];
  fetch.id = fetch_id;
  fetch.spec = &public_key_operation();
  fetch.silent = true;
  fetch.refresh_checked = true;
  key_fetch_op_ = fetch_id;
  dispatch(fetch_id, Input::of(Event::Start));
}

void Core::public_key_fetched(const std::string& key, const Error* error) {
  key_fetch_op_ = 0;
  if (error == nullptr) public_key_ = key;
  std::vector<std::pair<int, std::string>> waiters = std::move(key_waiters_);
  key_waiters_.clear();
  for (auto& [waiter, into] : waiters) {
    if (error != nullptr) {
      dispatch(waiter, Input::failed(*error));
    } else {
      dispatch(waiter, Input::supplied(std::move(into), key));
    }
  }
}

void Core::fail(Op& op, const Error& error) {
  bool token_refused = !op.sent_token.empty() && error.api_code &&
                       (is_session_ending_code(*error.api_code) || *error.api_code == code::kNotLoggedIn);
  if (!token_refused) {
    reject(op, error);
    return;
  }
  // The session this call was sent in is over: for this call it is a session
  // error, whichever call heard it first.
  Error ended = error;
  ended.kind = ErrorKind::Session;
  op.failure = ended;
  if (op.sent_token == session_.token()) end_session(op, "expired");
  if (op.pending_writes == 0) settle(op);
}

void Core::settle(Op& op) {
  if (op.failure) {
    if (op.spec->when_logged_out != nullptr && !session_.logged_in()) {
      resolve(op, op.spec->when_logged_out(context(op), op.args));
    } else {
      reject(op, *op.failure);
    }
    return;
  }
  if (!op.settled) {
    resolve(op, std::nullopt);
    return;
  }
  resolve(op, std::move(op.settled->result), std::move(op.settled->dates));
}

void Core::resolve(Op& op, std::optional<json> result, json dates) {
  op.stage = Stage::Done;
  std::vector<int> callers = op.silent ? std::vector<int>() : std::vector<int>{op.id};
  callers.insert(callers.end(), op.followers.begin(), op.followers.end());
  for (std::size_t i = 0; i < callers.size(); ++i) {
    // The last caller takes the result itself; the others get copies.
    bool last = i + 1 == callers.size();
    emit(action::Resolve{callers[i], last ? std::move(result) : result, last ? std::move(dates) : dates});
    if (callers[i] != op.id) ops_.erase(callers[i]);
  }
  std::vector<int> waiters = std::move(op.waiters);
  bool key_fetch = op.id == key_fetch_op_;
  std::string key = key_fetch && result && result->is_string() ? result->get<std::string>() : std::string();
  finish(op);
  if (key_fetch) public_key_fetched(key, nullptr);
  for (int waiter : waiters) {
    dispatch(waiter, Input::refresh_done(!session_.logged_in(), std::nullopt));
  }
}

void Core::reject(Op& op, const Error& cause) {
  Error error = cause;  // `cause` may live in `op`, which finish() destroys
  redact(error, secrets_of(op.args, {session_.token(), op.sent_token}));
  op.stage = Stage::Done;
  if (!op.silent) emit(action::Reject{op.id, error});
  for (int follower : op.followers) {
    emit(action::Reject{follower, error});
    ops_.erase(follower);
  }
  std::vector<int> waiters = std::move(op.waiters);
  bool key_fetch = op.id == key_fetch_op_;
  finish(op);
  if (key_fetch) public_key_fetched({}, &error);
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
