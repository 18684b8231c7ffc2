// The sans-I/O auth core: inputs in (with the current time), actions out.
//
// Theory of operation
// -------------------
// The core never performs I/O, reads a clock or starts a timer. A driver (the
// JS shim) feeds it inputs and performs the actions it emits (action.h):
//
//   inputs : start(name, args, now)        a public method was called
//            handle(action, outcome, body, now)
//                                          an action finished, or failed ({fail});
//                                          an http answer's body comes as its own text
//            handle_timeout(now)           the deadline from poll_timeout passed
//            cancel(op)                    the caller stopped waiting for op
//   outputs: poll()          the actions emitted since the last poll, in order
//            poll_timeout()  the next deadline (ms since the epoch) or -1
//
// Each call is an operation that moves through the stages below; every
// operation follows the same table (kTransitions in core.cpp), so one method
// differs from another only in its OperationSpec (operation.h).
//
//   stage           event            what happens
//   Queued          Start            check storage (one read, shared) -> LoadingSession
//   LoadingSession  SessionLoaded    checks below
//   LoadingSession  Failed           reject (storage)
//   (checks)        no session       answer when_logged_out, or reject 2020
//                   token ageing     join the one shared refresh -> Refreshing
//                   otherwise        build: http or need -> Waiting; error: reject
//   Refreshing      RefreshDone      session ended: reject as the refresh did; else checks
//   Waiting         Answer           interpret: success -> session change -> Writing
//                                               need -> Waiting again
//                                               token refused -> end the session -> Writing, then reject
//                                               other error -> reject
//   Waiting         Supplied         the need's value into the arguments, build again
//                                    (the publicKey need is served here: one shared
//                                    fetch of /.well-known per client, then cached;
//                                    the delay need too: its deadline passing in
//                                    handle_timeout supplies its value)
//   Waiting         Failed           reject (network / timeout / wechat ...); logout resolves anyway
//   Writing         WriteDone        last write answered: settle
//
// Rules kept here, not in the shim:
// - wx storage is the session's truth, memory its cache: every call starts by
//   reading the token key; when it differs from what the core last read or
//   wrote (the page cleared storage, or wrote v4's keys), the stored pair is
//   read and adopted;
// - the session changes in the order calls started: a logout is the last word
//   over every call started before it, and of two logins the later-started
//   wins (an earlier one answering later rejects with SESSION_SUPERSEDED);
//   other answers change the session only if it is still the session they
//   were sent in (its generation: the same login, whatever refreshes), and a
//   user older by `updatedAt` than the stored one is not stored;
// - the token and the user are written together; if storage refuses the
//   token, both keys are removed, if it refuses the user, the user key is:
//   storage never holds half of one session and half of another;
// - a token the server refuses (2206, 2207, or 2020 to a request that carried
//   it) ends the session once: storage cleared, one loginStateChange;
// - errors never carry the token, a code, a password or encryptedData, even
//   when the server echoes them (redact.h);
// - identical concurrent calls of a coalescing operation share one flight;
// - at most one token refresh is in flight; callers whose token is in the last
//   quarter of its life wait for it, and go ahead with the old token if the
//   refresh fails for a transport reason;
// - a storage write that fails never fails a call whose server effect happened:
//   the session in memory stays right and a `storageError` event is emitted;
// - every http action, and every need that does not wait for the user, has a
//   deadline (timeout + grace), so a driver that never answers cannot hang a call.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "authing/action.h"
#include "authing/config.h"
#include "authing/error.h"
#include "authing/http.h"
#include "authing/json.h"
#include "authing/need.h"
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
  // `table`: the operations this core runs (tests give their own).
  explicit Core(std::string_view options_json,
                const std::vector<const OperationSpec*>& table = operation_table());

  // Returns the operation id that resolve/reject actions will carry.
  int start(std::string_view name, std::string_view args_json, double now);
  // `body`: an http answer's body (its outcome is {status, headers}); empty
  // for every other outcome. It is its own text so that it is not escaped
  // into the outcome's JSON and read back out of it.
  void handle(int action_id, std::string_view outcome_json, std::string_view body, double now);
  void handle_timeout(double now);
  // The caller no longer waits for `op` (the driver settles it itself):
  // nothing more is emitted for it. What its flight does still happens, since
  // the server may already have done it: a login answer still logs in, and
  // calls that share the flight still settle.
  void cancel(int op);

  std::vector<Action> poll();
  double poll_timeout() const;

  // The operation table as the shim reads it (JSON).
  static std::string operations();

  enum class Stage { Queued, LoadingSession, Refreshing, Waiting, Writing, Following, Done };
  enum class Event { Start, SessionLoaded, RefreshDone, Answer, Supplied, Failed, WriteDone };

  struct Input {
    Event event;
    const HttpResponse* response = nullptr;  // Answer
    std::string into;                        // Supplied: the argument
    json value;                              // Supplied: its value
    std::optional<Error> error;              // Failed; RefreshDone when the refresh failed
    bool session_ended = false;              // RefreshDone

    static Input of(Event event) { return {.event = event}; }
    static Input failed(Error error) { return {.event = Event::Failed, .error = std::move(error)}; }
    static Input answer(const HttpResponse& response) {
      return {.event = Event::Answer, .response = &response};
    }
    static Input supplied(std::string into, json value) {
      return {.event = Event::Supplied, .into = std::move(into), .value = std::move(value)};
    }
    static Input refresh_done(bool session_ended, std::optional<Error> error) {
      return {.event = Event::RefreshDone, .error = std::move(error), .session_ended = session_ended};
    }
  };

 private:
  struct Op {
    int id = 0;
    const OperationSpec* spec = nullptr;
    json args = json::object();
    Stage stage = Stage::Queued;
    bool silent = false;           // started by the core itself, or cancelled: no resolve/reject
    bool refresh_checked = false;  // proactive refresh already considered
    int answers = 0;               // HTTP answers interpreted so far
    std::string coalesce_key;
    std::vector<int> followers;  // share this op's outcome
    std::vector<int> waiters;    // continue when this op is done (refresh)
    std::string sent_token;      // token the request carried
    int generation = -1;         // the session generation its request was sent in
    int pending_writes = 0;
    std::optional<Settled> settled;
    std::optional<Error> failure;                 // set when the op will reject after its writes
    std::optional<HttpRequest> deferred_request;  // logout: sent once storage is cleared
  };

  // Delay: a back-off the engine serves (need.h, kDelayNeed); no action is
  // emitted for it, and its deadline supplies `value` instead of failing.
  enum class PendingKind { SessionRead, Http, Need, Write, Delay };
  struct Pending {
    PendingKind kind;
    int op = 0;                      // 0 for session reads and detached writes
    std::string key;                 // storage key; for needs, the argument
    double deadline = -1;            // -1: none
    const NeedKind* need = nullptr;  // needs
    int write_count = 0;             // storage: the key's write count when this was emitted
    std::string written;             // writes: the JSON text written ("null": removed)
    bool removal = false;            // writes: a removal
    json value = nullptr;            // Delay: what the argument receives when the wait is over
  };

  // What the core knows a storage key holds: the JSON text it last read there
  // or wrote successfully, and the outcome text of the last read, which a
  // read giving the same text again needs no parsing to confirm.
  struct StoredKey {
    std::string text = "null";
    std::string read_outcome;
    int writes = 0;  // writes emitted
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
  void on_answer(Op& op, const Input& input);
  void on_supplied(Op& op, const Input& input);
  void on_failed(Op& op, const Input& input);
  void on_wait_failed(Op& op, const Input& input);
  void on_write_done(Op& op, const Input& input);

  // Outcomes of the actions an operation waits for.
  void http_outcome(int op_id, const json& outcome, std::string_view body);
  void need_outcome(const Pending& pending, const json& outcome);
  void write_outcome(const Pending& pending, const json& outcome);

  // Steps.
  void proceed(Op& op);
  void next_step(Op& op);
  void send(Op& op, const HttpRequest& request);
  void ask(Op& op, Need need);
  // The publicKey need: the option's key, the key fetched before, or one
  // fetch shared by every operation that asks while it is in flight.
  void serve_public_key(Op& op, std::string into);
  void public_key_fetched(const std::string& key, const Error* error);
  bool token_needs_refresh() const;
  // Joins the refresh in flight, or starts one; false when neither (a refresh
  // was tried moments ago).
  bool wait_for_refresh(Op& op);
  void apply(Op& op, Settled settled);
  void fail(Op& op, const Error& error);
  void leave_session_read(const Error& error);
  void end_session(Op& op, std::string_view reason);
  // Whether an answer's user (by its id, when it has one) is the session's.
  bool user_names_session(const json& user) const;
  void settle(Op& op);
  void resolve(Op& op, std::optional<json> result, json dates = nullptr);
  void reject(Op& op, const Error& error);
  void finish(Op& op);

  // Identical calls of a coalescing operation share this key.
  static std::string coalesce_key(const OperationSpec& spec, const json& args);

  // Session reading.
  void read_session();
  void read_key(std::string_view key);
  void session_read(const Pending& pending, std::string_view outcome_text);
  void session_checked();
  // Storage no longer holds what the core believed: its pair is the session.
  void adopt_stored_session(const json& token, const json& user);
  // A stored pair that names two users is removed.
  void discard_torn_pair();
  StoredKey& stored_key(std::string_view key) { return key == kTokenKey ? stored_token_ : stored_user_; }

  // Output helpers.
  int next_action_id() { return ++last_action_id_; }
  void emit(Action action) { outbox_.push_back(std::move(action)); }
  // Writes `value_text` (JSON) under `key`; "null" removes the key.
  void emit_write(int op_id, std::string_view key, std::string value_text);
  // Removes `key`, unless a removal of it is already on its way.
  void remove_key(int op_id, std::string_view key);
  // Writes the session's user, which changed (or may differ from storage).
  void emit_user_write(int op_id);
  void emit_event(std::string_view name, json payload);
  void emit_login_state(std::string_view reason);
  void note_time(double now) { now_ = now; }
  OpContext context(const Op& op) const { return {*config_, session_, op.answers}; }
  Lang lang() const { return config_ ? config_->message_lang : Lang::Chinese; }
  double deadline_after_timeout() const { return now_ + config_->timeout_ms + kDeadlineGraceMs; }
  Op* find_op(int id);

  const OperationSpec* find_spec(std::string_view name) const;

  const std::vector<const OperationSpec*>& table_;
  std::optional<Config> config_;
  std::optional<Error> config_error_;
  Session session_;
  enum class SessionState { Unread, Read } session_state_ = SessionState::Unread;  // read at least once
  bool checking_ = false;  // a storage check is in flight
  // The check in flight: each key's value once read (after the first check,
  // only when the token key changed).
  std::optional<json> read_token_;
  std::optional<json> read_user_;
  // An unchanged user is not written again (storage writes are synchronous
  // I/O on the phone): the user key is written when the session's user text
  // differs from stored_user_.text.
  StoredKey stored_token_;
  StoredKey stored_user_;
  std::vector<int> session_waiters_;
  // Ordering (see the rules above). The generation changes whenever the
  // session becomes another user's or none; refreshes keep it.
  int generation_ = 0;
  int last_logout_op_ = 0;     // the latest-started logout
  int last_login_op_ = 0;      // the latest-started login that changed the session

  std::map<int, Op> ops_;
  std::map<int, Pending> pending_;
  std::vector<Action> outbox_;
  int last_op_id_ = 0;
  int last_action_id_ = 0;
  double now_ = 0;
  double last_refresh_attempt_ = -kRefreshRetryIntervalMs;
  std::string public_key_;
  int key_fetch_op_ = 0;                                  // the fetch in flight, or 0
  std::vector<std::pair<int, std::string>> key_waiters_;  // (op, argument) waiting for it
};

}  // namespace authing
