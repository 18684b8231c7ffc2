// A two-party test harness for the core: the core on one side, a scripted
// driver on the other (fake storage, fake clock, canned HTTP answers). Storage
// actions are answered automatically from `storage`; everything else is left
// for the test to answer, so each step's actions can be asserted, as the
// typed actions the core emits.
#pragma once

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "authing/core.h"

namespace authing::test {

inline constexpr double kStartMs = 1'700'000'000'000.0;  // fake clock start (2023-11-14)

// A client of pool-1 whose public key is tests/fixtures/rsa.json's first.
json default_options();
// What that key's private half makes of an encrypted password.
std::string decrypt_password(const std::string& ciphertext);

// An unsigned JWT with the given claims (the client never checks signatures).
std::string make_token(const json& claims);
// A token whose payload is this JSON text as written (for numbers json cannot hold, such as 1e400).
std::string make_token_from_text(const std::string& payload);
// A token for user `sub` issued at `iat` seconds that lives `lifetime` seconds.
std::string token_for(const std::string& sub, double iat, double lifetime);

// Authing's answer to a login of user u-1 with `token` (a password hash in it
// too, which must never be stored).
json login_answer(const std::string& token);

// Reads tests/fixtures/<name>.
json load_fixture(const std::string& name);
// tests/fixtures/operations/*.json, in name order, as one array of cases.
json load_operation_cases();

// The body text of a fixture response: its "body", its "json" serialised, or
// what its "generate" describes (see tests/fixtures/responses.json).
std::string fixture_body(const json& response);

// Replaces "{{key}}" strings anywhere in `value` with vars[key].
json substitute(const json& value, const json& vars);

// The named arguments the core gets for a call with these positional
// arguments, mapped by the operation table as the shim maps them.
json named_args(const std::string& op, const json& call);

struct Harness {
  explicit Harness(const json& options = default_options(),
                   const std::vector<const OperationSpec*>& table = operation_table());

  Core core;
  double now = kStartMs;
  std::map<std::string, json> storage;
  bool fail_reads = false;
  bool fail_writes = false;
  std::set<std::string> refuse_sets;  // keys whose setStorageSync fails (storage full)
  bool supply_random = true;  // answer wx.getRandomValues needs with fixed bytes
  std::vector<Action> storage_log;  // storage actions seen, in order

  int start(const std::string& name, const json& args = json::object());
  // Starts `op` as a caller would call the method (positional arguments).
  int call(const std::string& op, const json& call_args);
  // Drains the core, answering storage actions; returns the other actions.
  std::vector<Action> run();

  void answer(int action, const json& outcome);
  void answer_http(int action, int status, const std::string& body, const json& headers = json::object());
  void answer_json(int action, int status, const json& body);
  void timeout_at(double when);

  // Logs a user in through storage, as a previous app run would have.
  void store_session(const std::string& token, const json& user = nullptr);
};

// The actions of one kind, in order.
template <class Kind>
std::vector<Kind> of_kind(const std::vector<Action>& actions) {
  std::vector<Kind> out;
  for (const Action& action : actions) {
    if (const Kind* typed = std::get_if<Kind>(&action)) out.push_back(*typed);
  }
  return out;
}

// What the actions were, for a failing test's message.
std::string describe(const std::vector<Action>& actions);

// The single action of a kind (fails the test when there is not exactly one).
template <class Kind>
Kind only(const std::vector<Action>& actions) {
  auto matching = of_kind<Kind>(actions);
  INFO("actions: " << describe(actions));
  REQUIRE(matching.size() == 1);
  return matching.front();
}

// Whether `op` was resolved or rejected in `actions`.
bool settled(const std::vector<Action>& actions, int op);
// The resolve / reject of `op` (fails the test when `op` did not settle so).
action::Resolve resolved(const std::vector<Action>& actions, int op);
action::Reject rejected(const std::vector<Action>& actions, int op);

// A resolve's result, with null for undefined.
json result_of(const std::vector<Action>& actions, int op);

// Checks a settled call and the storage after it against a fixture's
// `expect` (tests/fixtures/responses.json describes its shape); `body` is the
// answer's text, for `resultSameAs`.
void check_expectation(const Harness& harness, const std::vector<Action>& actions, int op,
                       const json& expect, const std::string& body = "");

// A request header's value, or "<absent>".
std::string header(const HttpRequest& request, const std::string& name);
// The bearer token a request carries ("" when none).
std::string request_token(const action::Http& http);
// The request body, parsed.
json body_of(const action::Http& http);

}  // namespace authing::test
