// The sans-I/O auth core: inputs in (with the current time), actions out.
//
// Theory of operation
// -------------------
// The core never performs I/O, reads a clock or starts a timer. A driver (the
// JS shim) feeds it inputs and performs the actions it emits:
//
//   inputs : start(name, args, now)         a public method was called
//            handle(action, outcome, now)   an action finished, or failed ({fail})
//            handle_http(action, ..., now)  an http action got an HTTP answer (the body
//                                           comes as its own string: parsed once, here)
//            handle_timeout(now)            the deadline from poll_timeout passed
//   outputs: poll()         one action (JSON) or "" when there is none
//            poll_timeout() the next deadline (ms since the epoch) or -1
//
// Actions: http, wx.login, storage.get/set/remove, resolve, reject, event.
//
// Each call is an operation that moves through the stages below; every
// operation follows the same table (kTransitions in core.cpp), so the
// behaviour of one method differs from another only in its OperationSpec.
//
//   stage           event            what happens
//   Queued          Start            session unread: read it (once, shared) -> LoadingSession
//                                    else -> checks below
//   LoadingSession  SessionLoaded    checks below
//   LoadingSession  Failed           reject (storage)
//   (checks)        no session       answer when_logged_out, or reject 2020
//                   token ageing     join the one shared refresh -> Refreshing
//                   no wx code       wx.login -> FetchingCode
//                   otherwise        http -> Requesting
//   Refreshing      RefreshDone      session ended: reject as the refresh did; else checks
//   FetchingCode    Code             http -> Requesting
//   FetchingCode    Failed           reject (wechat / privacy / timeout)
//   Requesting      Answer           success: session change -> Writing
//                                    code refused by WeChat: wx.login once more -> FetchingCode
//                                    token refused: end the session -> Writing, then reject
//                                    other error: reject
//   Requesting      Failed           reject (network / timeout); logout resolves anyway
//   Writing         WriteDone        last write answered: settle
//
// A resolve whose result is the text of a storage.set the same operation
// emitted (a login's or profile update's user, as stored) names that write
// ({"resultOf": id}) instead of repeating the text: the driver performs the
// write and the resolve in one drain, and hands the caller the value it
// stored, so each user crosses the boundary and JSON.parse once.
//
// Rules kept here, not in the shim:
// - identical concurrent calls of a coalescing operation share one flight;
// - at most one token refresh is in flight; callers whose token is in the last
//   quarter of its life wait for it, and go ahead with the old token if the
//   refresh fails for a transport reason;
// - a storage write that fails never fails a call whose server effect happened:
//   the session in memory stays right and an `storageError` event is emitted;
// - every http and wx.login action has a deadline (timeout + grace), so a
//   driver that never answers cannot hang a call.
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "authing/config.h"
#include "authing/error.h"
#include "authing/http.h"
#include "authing/json.h"
#include "authing/operation.h"
#include "authing/session.h"

namespace authing {

// A refresh is not attempted again within this interval of the last attempt,
// so a server that keeps issuing short-lived tokens cannot double our traffic.
inline constexpr double kRefreshRetryIntervalMs = 60000;

// Extra time over the request timeout before the core gives up on an action
// itself: wx.request normally fails first with its own timeout.
inline constexpr double kDeadlineGraceMs = 1000;

class Core {
 public:
  explicit Core(std::string_view options_json);

  // Returns the operation id that resolve/reject actions will carry.
  int start(std::string_view name, std::string_view args_json, double now);
  void handle(int action_id, std::string_view outcome_json, double now);
  void handle_http(int action_id, int status, std::string_view headers_json, std::string_view body,
                   double now);
  void handle_timeout(double now);

  std::string poll();
  double poll_timeout() const;

  static std::string operations();

  enum class Stage {
    Queued,
    LoadingSession,
    Refreshing,
    FetchingCode,
    Requesting,
    Writing,
    Following,  // shares the outcome of an identical call already in flight
    Done,
  };
  enum class Event { Start, SessionLoaded, RefreshDone, Code, Answer, Failed, WriteDone };

  struct Input {
    Event event;
    std::string code;                        // Code
    const HttpResponse* response = nullptr;  // Answer
    std::optional<Error> error;              // Failed; RefreshDone when the refresh failed
    bool session_ended = false;              // RefreshDone

    static Input of(Event event) { return Input{event, {}, nullptr, std::nullopt, false}; }
    static Input failed(Error error) { return Input{Event::Failed, {}, nullptr, std::move(error), false}; }
    static Input with_code(std::string code) {
      return Input{Event::Code, std::move(code), nullptr, std::nullopt, false};
    }
    static Input answer(const HttpResponse& response) {
      return Input{Event::Answer, {}, &response, std::nullopt, false};
    }
    static Input refresh_done(bool session_ended, std::optional<Error> error) {
      return Input{Event::RefreshDone, {}, nullptr, std::move(error), session_ended};
    }
  };

 private:
  struct Op {
    int id = 0;
    const OperationSpec* spec = nullptr;
    json args = json::object();
    Stage stage = Stage::Queued;
    bool silent = false;           // started by the core itself: no resolve/reject
    bool refresh_checked = false;  // proactive refresh already considered
    int code_retries = 0;
    std::string coalesce_key;
    std::vector<int> followers;  // share this op's outcome
    std::vector<int> waiters;    // continue when this op is done (refresh)
    std::string sent_token;      // token the request carried
    int pending_writes = 0;
    int result_write = 0;  // a storage.set whose value is the result's text (0: none)
    std::optional<Settled> settled;
    std::optional<Error> failure;                 // set when the op will reject after its writes
    std::optional<HttpRequest> deferred_request;  // logout: sent once storage is cleared
  };

  enum class PendingKind { SessionRead, WxLogin, Http, Write };
  struct Pending {
    PendingKind kind;
    int op = 0;            // 0 for session reads and detached writes
    std::string key;       // storage key
    double deadline = -1;  // -1: none
    std::string value{};   // writes: the JSON text being stored ("null": removed)
  };

  using Handler = void (Core::*)(Op&, const Input&);
  struct Transition {
    Stage stage;
    Event event;
    Handler handler;
  };
  static const Transition kTransitions[];

  void dispatch(int op_id, const Input& input);

  // Transition handlers.
  void on_start(Op& op, const Input& input);
  void on_session_loaded(Op& op, const Input& input);
  void on_refresh_done(Op& op, const Input& input);
  void on_code(Op& op, const Input& input);
  void on_answer(Op& op, const Input& input);
  void on_failed(Op& op, const Input& input);
  void on_request_failed(Op& op, const Input& input);
  void on_write_done(Op& op, const Input& input);

  // Steps.
  void proceed(Op& op);
  void fetch_code(Op& op);
  void send_request(Op& op);
  bool token_needs_refresh() const;
  // Joins the refresh in flight, or starts one; false when neither (a refresh
  // was tried moments ago).
  bool wait_for_refresh(Op& op);
  void apply(Op& op, Settled settled);
  void fail(Op& op, const Error& error);
  void leave_session_read(const Error& error);
  void end_session(Op& op, std::string_view reason);
  void settle(Op& op);
  void resolve(Op& op, const json& result);
  // `result_text`: the result as JSON text; empty resolves undefined.
  // `result_write`: the storage.set action whose value is that text, if any.
  void resolve_text(Op& op, std::string result_text, int result_write = 0);
  void reject(Op& op, const Error& error);
  void finish(Op& op);

  // Session reading.
  void read_session();
  void session_read(const std::string& key, json& outcome);

  // Output helpers.
  int next_action_id() { return ++last_action_id_; }
  void emit(const json& action) { outbox_.push_back(dump_json(action)); }
  void emit_text(std::string action) { outbox_.push_back(std::move(action)); }
  void emit_http(int id, const HttpRequest& request);
  void emit_write(int op_id, std::string_view key, const json* value);
  void emit_write_text(int op_id, std::string_view key, std::string value_text);
  // Writes the session's stored user for `op`, noting whether it is the result.
  void emit_user_write(Op& op, std::string_view result_text);
  void emit_event(std::string_view name, std::string_view payload_json);
  void emit_login_state(std::string_view reason);
  void note_time(double now) { now_ = now; }
  OpContext context() const { return {*config_, session_}; }
  Lang lang() const { return config_ ? config_->message_lang : Lang::Chinese; }
  Op* find_op(int id);

  std::optional<Config> config_;
  std::optional<Error> config_error_;
  Session session_;
  enum class SessionState { Unread, Reading, Read } session_state_ = SessionState::Unread;
  std::optional<json> read_token_;
  std::optional<json> read_user_;
  // What wx storage holds under the user key, as JSON text, when known (read,
  // or written successfully): an unchanged user is not written again. Storage
  // writes are synchronous I/O on the phone.
  std::optional<std::string> stored_user_;
  std::vector<int> session_waiters_;

  std::map<int, Op> ops_;
  std::map<int, Pending> pending_;
  std::deque<std::string> outbox_;  // actions, already serialised
  int last_op_id_ = 0;
  int last_action_id_ = 0;
  double now_ = 0;
  double last_refresh_attempt_ = -kRefreshRetryIntervalMs;
};

}  // namespace authing
