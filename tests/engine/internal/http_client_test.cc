#include "rolesel/internal/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "status_matchers.h"

namespace rolesel::internal {
namespace {

using ::rolesel::testing::IsOk;
using ::rolesel::testing::StatusIs;
using ::testing::HasSubstr;

// A one-connection HTTP server on 127.0.0.1 and a free port: it reads one
// request (headers, then Content-Length bytes), keeps it, and answers with
// `response` after `delay`.
class OneShotServer {
 public:
  explicit OneShotServer(std::string response,
                         std::chrono::milliseconds delay = std::chrono::milliseconds(0))
      : response_(std::move(response)), delay_(delay) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    socklen_t length = sizeof(address);
    getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    listen(listener_, 1);
    thread_ = std::thread([this] { Serve(); });
  }
  ~OneShotServer() {
    shutdown(listener_, SHUT_RDWR);
    close(listener_);
    thread_.join();
  }

  std::string url(const std::string& path = "/") const {
    return absl::StrCat("http://127.0.0.1:", port_, path);
  }
  // What the client sent (valid once the call returned).
  const std::string& request() const { return request_; }

 private:
  void Serve() {
    const int connection = accept(listener_, nullptr, nullptr);
    if (connection < 0) return;
    char buffer[4096];
    size_t header_end = std::string::npos;
    size_t wanted = 0;
    while (true) {
      const ssize_t n = read(connection, buffer, sizeof(buffer));
      if (n <= 0) break;
      request_.append(buffer, static_cast<size_t>(n));
      if (header_end == std::string::npos) {
        header_end = request_.find("\r\n\r\n");
        if (header_end == std::string::npos) continue;
        const size_t at = request_.find("Content-Length: ");
        if (at != std::string::npos && at < header_end) {
          wanted = std::stoul(request_.substr(at + 16));
        }
      }
      if (request_.size() >= header_end + 4 + wanted) break;
    }
    std::this_thread::sleep_for(delay_);
    (void)!send(connection, response_.data(), response_.size(),
                MSG_NOSIGNAL);  // the client may be gone
    close(connection);
  }

  std::string response_;
  std::chrono::milliseconds delay_;
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::string request_;
};

std::string Response(const std::string& status_line, const std::string& body,
                     const std::string& extra_headers = "") {
  return absl::StrCat("HTTP/1.1 ", status_line, "\r\nContent-Length: ", body.size(),
                      "\r\nConnection: close\r\n", extra_headers, "\r\n", body);
}

TEST(ParseHttpEndpoint, GivesTheUrlAndTheSignedHost) {
  auto https = ParseHttpEndpoint("https://sts.us-east-1.amazonaws.com/", "STS endpoint");
  ASSERT_TRUE(https.ok()) << https.status();
  EXPECT_EQ(https->url, "https://sts.us-east-1.amazonaws.com");
  EXPECT_EQ(https->host, "sts.us-east-1.amazonaws.com");
  auto local = ParseHttpEndpoint("http://127.0.0.1:4566//", "S3 endpoint");
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(local->url, "http://127.0.0.1:4566");
  EXPECT_EQ(local->host, "127.0.0.1:4566");
  for (const char* bad : {"ftp://x", "https://x/path", "x", ""}) {
    auto refused = ParseHttpEndpoint(bad, "S3 endpoint");
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.status().message(),
              std::string("S3 endpoint must be http(s)://host[:port], got ") + bad);
  }
  // Trailing slashes go first, so "http://" names no host at all.
  EXPECT_EQ(ParseHttpEndpoint("http://", "STS endpoint").status().message(),
            "STS endpoint must be http(s)://host[:port], got http:");
}

TEST(HttpClient, GetsTheBodyStatusAndLowerCasedHeaders) {
  OneShotServer server(Response("200 OK", "hello", "X-Request-Id: abc 1\r\n"));
  HttpCall call;
  call.url = server.url("/path?q=1");
  call.read_headers = true;
  HttpClient client;
  absl::StatusOr<HttpReply> reply = client.Send(call);
  ASSERT_THAT(reply, IsOk());
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->body, "hello");
  EXPECT_EQ(reply->Header("x-request-id"), "abc 1");
  EXPECT_EQ(reply->Header("absent"), "");
  EXPECT_TRUE(absl::StartsWith(server.request(), "GET /path?q=1 HTTP/1.1\r\n")) << server.request();
}

TEST(HttpClient, PostsTheBodyWithTheGivenHeadersAndNoExpect) {
  OneShotServer server(Response("202 Accepted", ""));
  const std::string body = R"({"k":"v"})";
  HttpCall call;
  call.url = server.url("/post");
  call.post_body = &body;
  call.headers = {"Content-Type: application/json", "X-Custom: 1"};
  absl::StatusOr<HttpReply> reply = HttpClient().Send(call);
  ASSERT_THAT(reply, IsOk());
  EXPECT_EQ(reply->status, 202);
  EXPECT_TRUE(absl::StartsWith(server.request(), "POST /post HTTP/1.1\r\n"));
  EXPECT_THAT(server.request(), HasSubstr("\r\nContent-Type: application/json\r\n"));
  EXPECT_THAT(server.request(), HasSubstr("\r\nX-Custom: 1\r\n"));
  EXPECT_THAT(server.request(), ::testing::Not(HasSubstr("Expect:")));
  EXPECT_TRUE(absl::EndsWith(server.request(), "\r\n\r\n" + body));
}

TEST(HttpClient, AnHttpErrorIsAReplyNotAFailure) {
  OneShotServer server(Response("503 Service Unavailable", "busy"));
  HttpCall call;
  call.url = server.url();
  absl::StatusOr<HttpReply> reply = HttpClient().Send(call);
  ASSERT_THAT(reply, IsOk());
  EXPECT_EQ(reply->status, 503);
  EXPECT_EQ(reply->body, "busy");
}

TEST(HttpClient, NeverFollowsARedirect) {
  OneShotServer server(Response("302 Found", "", "Location: http://127.0.0.1:1/elsewhere\r\n"));
  HttpCall call;
  call.url = server.url();
  absl::StatusOr<HttpReply> reply = HttpClient().Send(call);
  ASSERT_THAT(reply, IsOk());
  EXPECT_EQ(reply->status, 302);
}

TEST(HttpClient, ABodyOverTheBoundIsResourceExhausted) {
  OneShotServer server(Response("200 OK", std::string(5000, 'x')));
  HttpCall call;
  call.url = server.url();
  call.max_body_bytes = 1000;
  EXPECT_THAT(HttpClient().Send(call),
              StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr("1000 bytes")));
}

TEST(HttpClient, ATimeoutIsDeadlineExceeded) {
  OneShotServer server(Response("200 OK", "late"), std::chrono::milliseconds(700));
  HttpCall call;
  call.url = server.url();
  call.total_timeout_ms = 200;
  EXPECT_THAT(HttpClient().Send(call), StatusIs(absl::StatusCode::kDeadlineExceeded, ::testing::_));
}

TEST(HttpClient, NoServerIsUnavailable) {
  int port;
  {
    OneShotServer closed(Response("200 OK", ""));  // a port that was free a moment ago
    port = std::stoi(closed.url().substr(std::string("http://127.0.0.1:").size()));
    HttpCall wake;
    wake.url = closed.url();
    ASSERT_THAT(HttpClient().Send(wake), IsOk());
  }
  HttpCall call;
  call.url = absl::StrCat("http://127.0.0.1:", port, "/");
  EXPECT_THAT(HttpClient().Send(call), StatusIs(absl::StatusCode::kUnavailable, ::testing::_));
}

TEST(HttpClient, OnlyHttpAndHttpsAreSpoken) {
  HttpCall call;
  call.url = "file:///etc/passwd";
  EXPECT_THAT(HttpClient().Send(call), StatusIs(absl::StatusCode::kUnavailable, ::testing::_));
}

}  // namespace
}  // namespace rolesel::internal
