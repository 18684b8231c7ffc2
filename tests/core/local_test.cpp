// The local session helpers and updateAvatar's steps: what the fixture's
// one-call cases cannot say (tests/fixtures/operations/local.json and
// wechat.json hold those).
#include <catch2/catch.hpp>

#include "harness.h"

using authing::json;
namespace action = authing::action;
using namespace authing::test;

namespace {

const std::string kToken = token_for("u-1", kStartMs / 1000, 1209600);

json upload_answer(int status, const json& body) { return {{"statusCode", status}, {"data", body.dump()}}; }

}  // namespace

TEST_CASE("setToken keeps the stored user only when the token is his", "[local][session]") {
  Harness harness;
  harness.store_session(kToken, json{{"id", "u-1"}, {"nickname", "Ann"}});

  SECTION("a fresh token of the same user keeps the user") {
    std::string fresh = token_for("u-1", kStartMs / 1000 + 10, 1209600);
    harness.call("setToken", json{fresh});
    harness.run();
    CHECK(harness.storage["_authing_token"] == fresh);
    CHECK(harness.storage["_authing_user"]["nickname"] == "Ann");
    CHECK(harness.storage["_authing_user"]["token"] == fresh);
  }
  SECTION("another user's token drops the stored user") {
    std::string other = token_for("u-2", kStartMs / 1000, 1209600);
    harness.call("setToken", json{other});
    auto actions = harness.run();
    CHECK(harness.storage["_authing_token"] == other);
    CHECK(harness.storage.count("_authing_user") == 0);
    auto event = only<action::Event>(actions);
    CHECK(event.payload["userId"] == "u-2");
  }
}

TEST_CASE("setCurrentUser without a token replaces only the session's own user", "[local][session]") {
  Harness harness;
  harness.store_session(kToken, json{{"id", "u-1"}, {"nickname", "Ann"}});
  int op = harness.call("setCurrentUser", json{{{"id", "u-1"}, {"nickname", "Bob"}, {"salt", "f00d"}}});
  auto actions = harness.run();
  CHECK(settled(actions, op));
  CHECK_FALSE(resolved(actions, op).result.has_value());
  CHECK(harness.storage["_authing_token"] == kToken);
  CHECK(harness.storage["_authing_user"]["nickname"] == "Bob");
  CHECK(harness.storage["_authing_user"].count("salt") == 0);
}

TEST_CASE("checkLoggedIn of a token without a user id is a session error", "[local][session]") {
  Harness harness;
  harness.store_session(make_token({{"iat", kStartMs / 1000}, {"exp", kStartMs / 1000 + 3600}}));
  int op = harness.start("checkLoggedIn");
  auto error = rejected(harness.run(), op).error;
  CHECK(error.kind == authing::ErrorKind::Session);
  CHECK(error.code == 2207);
}

TEST_CASE("updateAvatar chooses, uploads with the session's token, then updates the photo",
          "[local][avatar]") {
  Harness harness;
  harness.store_session(kToken, json{{"id", "u-1"}});
  int op = harness.start("updateAvatar");

  auto choose = only<action::Need>(harness.run());
  CHECK(choose.need == "wx.chooseMedia");
  harness.answer(choose.id, {{"value", "wxfile://tmp_1.png"}});

  auto upload = only<action::Need>(harness.run());
  REQUIRE(upload.need == "wx.uploadFile");
  CHECK(upload.params["url"] == "https://core.example.cn/api/v2/upload?folder=avatar");
  CHECK(upload.params["filePath"] == "wxfile://tmp_1.png");
  CHECK(upload.params["name"] == "file");
  CHECK(upload.params["headers"]["Authorization"] == "Bearer " + kToken);
  CHECK(upload.params["headers"]["x-authing-userpool-id"] == "pool-1");
  CHECK_FALSE(upload.params["headers"].contains("content-type"));

  SECTION("an upload answer with a url becomes the photo") {
    harness.answer(
        upload.id,
        {{"value", upload_answer(200, {{"code", 200}, {"data", {{"url", "https://f.cn/a.png"}}}})}});
    auto http = only<action::Http>(harness.run());
    CHECK(body_of(http)["variables"]["input"] == json{{"photo", "https://f.cn/a.png"}});
    harness.answer_json(http.id, 200,
                        {{"data", {{"updateUser", {{"id", "u-1"}, {"photo", "https://f.cn/a.png"}}}}}});
    auto actions = harness.run();
    CHECK(result_of(actions, op)["photo"] == "https://f.cn/a.png");
    CHECK(harness.storage["_authing_user"]["photo"] == "https://f.cn/a.png");
  }

  struct Row {
    const char* name;
    json value;
    authing::ErrorKind kind;
    json code;
  };
  using K = authing::ErrorKind;
  const Row rows[] = {
      {"an HTTP error page", upload_answer(502, "<html>"), K::Http, "HTTP_ERROR"},
      {"an Authing refusal", upload_answer(200, {{"code", 2020}, {"message", "no"}}), K::Api, 2020},
      {"an answer without a url", upload_answer(200, {{"code", 200}, {"data", {{"key", "k"}}}}), K::Http,
       "BAD_RESPONSE"},
      {"a value that is not an upload answer", json("done"), K::Network, "UPLOAD_FAILED"},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION("the upload's " << row.name << " rejects, and the profile is not touched") {
      harness.answer(upload.id, {{"value", row.value}});
      auto actions = harness.run();
      CHECK(of_kind<action::Http>(actions).empty());
      auto error = rejected(actions, op).error;
      CHECK(error.kind == row.kind);
      CHECK(error.code == row.code);
    }
  }
}

TEST_CASE("A user who cancels the image chooser gets a typed error, with no deadline while choosing",
          "[local][avatar]") {
  Harness harness;
  harness.store_session(kToken, json{{"id", "u-1"}});
  int op = harness.start("updateAvatar");
  auto choose = only<action::Need>(harness.run());
  CHECK(harness.core.poll_timeout() < 0);
  harness.answer(choose.id, {{"fail", {{"errMsg", "chooseMedia:fail cancel"}}}});
  auto error = rejected(harness.run(), op).error;
  CHECK(error.kind == authing::ErrorKind::Wechat);
  CHECK(error.code == "CHOOSE_IMAGE_FAILED");
}
