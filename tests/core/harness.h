// A two-party test harness for the core: the core on one side, a scripted
// driver on the other (fake storage, fake clock, canned HTTP answers). Storage
// actions are answered automatically from `storage`; everything else is left
// for the test to answer, so each step's actions can be asserted.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "authing/core.h"

namespace authing::test {

inline constexpr double kStartMs = 1'700'000'000'000.0;  // fake clock start (2023-11-14)

json default_options();

// An unsigned JWT with the given claims (the client never checks signatures).
std::string make_token(const json& claims);
// A token for user `sub` issued at `iat` seconds that lives `lifetime` seconds.
std::string token_for(const std::string& sub, double iat, double lifetime);

// Reads tests/fixtures/<name>.
json load_fixture(const std::string& name);

// The body text of a fixture response: its "body", its "json" serialised, or
// what its "generate" describes (see tests/fixtures/responses.json).
std::string fixture_body(const json& response);

// Replaces "{{key}}" strings anywhere in `value` with vars[key].
json substitute(const json& value, const json& vars);

struct Harness {
  explicit Harness(const json& options = default_options());

  Core core;
  double now = kStartMs;
  std::map<std::string, json> storage;
  bool fail_reads = false;
  bool fail_writes = false;
  std::vector<json> storage_log;  // storage actions seen, in order

  int start(const std::string& name, const json& args = json::object());
  // Drains the core, answering storage actions; returns the other actions.
  std::vector<json> run();

  void answer(int action, const json& outcome);
  void answer_http(int action, int status, const std::string& body, const json& headers = json::object());
  void answer_json(int action, int status, const json& body);
  void timeout_at(double when);

  // Logs a user in through storage, as a previous app run would have.
  void store_session(const std::string& token, const json& user = nullptr);
};

// The actions of one kind, in order.
std::vector<json> of_kind(const std::vector<json>& actions, const std::string& kind);
// The single action of a kind (fails the test when there is not exactly one).
json only(const std::vector<json>& actions, const std::string& kind);
// The resolve/reject action for op, or null.
json settlement(const std::vector<json>& actions, int op);

}  // namespace authing::test
