#include "rule_generator.h"

namespace rolesel::bench {
namespace {

using nlohmann::json;

std::string Role(int i) {
  return "arn:aws:iam::123456789012:role/svc" + std::to_string(i) + "-role";
}

std::string Service(int i) { return "/svc" + std::to_string(i); }

}  // namespace

std::string GenerateRules(int n) {
  json doc = {{"version", 1},
              {"settings",
               {{"allowed_roles", {"arn:aws:iam::123456789012:role/svc*"}},
                {"deny_roles", {"arn:aws:iam::*:role/*Admin*"}},
                {"duration_seconds", 900}}}};
  json deny = json::array();
  for (int i = 0; i < std::max(1, n / 10); ++i) {
    json entry = {{"id", "deny-" + std::to_string(i)}};
    switch (i % 3) {
      case 0:
        entry["groups"] = {"blocked-" + std::to_string(i)};
        break;
      case 1:
        entry["path"] = Service(i) + "/admin/**";
        entry["not_groups"] = {"admins"};
        break;
      case 2:
        entry["claims"] = {{"custom:risk", {{"equals", "critical-" + std::to_string(i)}}}};
        break;
    }
    deny.push_back(entry);
  }
  json rules = json::array();
  for (int i = 0; i < n; ++i) {
    json rule = {{"id", "rule-" + std::to_string(i)}, {"role", Role(i)}};
    const std::string group = "group-" + std::to_string(i % 97);
    switch (i % 5) {
      case 0:  // group + template path + methods
        rule["groups"] = {group};
        rule["path"] = Service(i) + "/items/{id}";
        rule["methods"] = {"GET", "PUT"};
        break;
      case 1:  // "**" subtree
        rule["groups"] = {group, "group-x"};
        rule["path"] = Service(i) + "/files/**";
        break;
      case 2:  // regex path
        rule["path"] = "re:^" + Service(i) + "/v[0-9]+/reports$";
        rule["methods"] = {"GET"};
        break;
      case 3:  // claim matcher
        rule["claims"] = {{"custom:tier", {{"in", {"gold", "platinum"}}}}};
        rule["path"] = {Service(i) + "/tiers", Service(i) + "/tiers/*"};
        break;
      case 4:  // all_groups + greedy
        rule["all_groups"] = {group, "staff"};
        rule["path"] = Service(i) + "/records/{proxy+}";
        rule["methods"] = {"GET", "POST"};
        break;
    }
    rules.push_back(rule);
  }
  doc["deny"] = deny;
  doc["rules"] = rules;
  return doc.dump(1);
}

json MatchingRequest(int n) {
  int i = n - 2;  // a rule near the end; make the request fit its kind
  const std::string group = "group-" + std::to_string(i % 97);
  json claims = {{"sub", "5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f"},
                 {"cognito:username", "bench-user"},
                 {"email", "bench@example.com"},
                 {"custom:tier", "gold"},
                 {"cognito:groups", {group, "staff", "users"}}};
  // One request per kind of rule the generator writes, in turn.
  constexpr const char* kPaths[] = {"/items/42", "/files/a/b/c.txt", "/v2/reports", "/tiers/gold",
                                    "/records/2026/11"};
  const std::string path = Service(i) + kPaths[i % 5];
  const std::string method = i % 5 == 4 ? "POST" : "GET";
  return {{"method", method}, {"path", path}, {"claims", claims}};
}

json MatchingRestEvent(int n) {
  json request = MatchingRequest(n);
  json claims = json::object();
  for (const auto& [name, value] : request["claims"].items()) {
    if (value.is_array()) {
      std::string joined;
      for (const auto& element : value) {
        joined += (joined.empty() ? "" : ",") + element.get<std::string>();
      }
      claims[name] = joined;
    } else {
      claims[name] = value;
    }
  }
  claims["aud"] = "4k2p0d7v3u5l9s1n8m6q0r2t4";
  claims["iss"] = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12CdE34";
  claims["token_use"] = "id";
  claims["email_verified"] = "true";
  claims["exp"] = "Fri Nov 27 18:00:00 UTC 2026";
  json headers = {{"Accept", "application/json"},
                  {"Accept-Encoding", "gzip, deflate, br"},
                  {"Authorization", "eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0.e30.c2ln"},
                  {"Host", "abc123.execute-api.us-east-1.amazonaws.com"},
                  {"User-Agent", "Mozilla/5.0 (X11; Linux x86_64) bench"},
                  {"X-Amzn-Trace-Id", "Root=1-6745a1b2-0123456789abcdef01234567"},
                  {"X-Forwarded-For", "203.0.113.7"},
                  {"X-Forwarded-Port", "443"},
                  {"X-Forwarded-Proto", "https"}};
  json multi = json::object();
  for (const auto& [name, value] : headers.items()) multi[name] = {value};
  std::string path = request["path"];
  std::string method = request["method"];
  return {{"resource", "/{proxy+}"},
          {"path", path},
          {"httpMethod", method},
          {"headers", headers},
          {"multiValueHeaders", multi},
          {"queryStringParameters", nullptr},
          {"multiValueQueryStringParameters", nullptr},
          {"pathParameters", {{"proxy", path.substr(1)}}},
          {"stageVariables", nullptr},
          {"requestContext",
           {{"resourceId", "a1b2c3"},
            {"authorizer", {{"claims", claims}}},
            {"resourcePath", "/{proxy+}"},
            {"httpMethod", method},
            {"extendedRequestId", "CQnpoGkQoAMFjXw="},
            {"requestTime", "27/Nov/2026:17:00:00 +0000"},
            {"path", "/prod" + path},
            {"accountId", "123456789012"},
            {"protocol", "HTTP/1.1"},
            {"stage", "prod"},
            {"domainPrefix", "abc123"},
            {"requestTimeEpoch", 1795798800000},
            {"requestId", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"},
            {"identity", {{"sourceIp", "203.0.113.7"}, {"userAgent", "Mozilla/5.0 bench"}}},
            {"domainName", "abc123.execute-api.us-east-1.amazonaws.com"},
            {"apiId", "abc123"}}},
          {"body", nullptr},
          {"isBase64Encoded", false}};
}

}  // namespace rolesel::bench
