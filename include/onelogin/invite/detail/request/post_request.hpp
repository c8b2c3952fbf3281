// onelogin-invite: the shapes of the requests the library builds: a POST of a compact JSON object
// (written by nlohmann/json), with the JSON content headers and, for API /1, an Authorization
// header; and a GET with an Authorization header (Get Rate Limit).
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/http.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <utility>

namespace onelogin::detail {

/// A POST of `body` as compact JSON to `url`, with an Authorization header first when
/// `authorization` is not empty. Every string in `body` must be valid UTF-8 (the field rules
/// check that first), the one thing nlohmann's dump() refuses. Members are written in name order,
/// which for every call the library makes is the order OneLogin documents.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE HttpRequest make_post_request(std::string url, std::string authorization,
                                                     const nlohmann::json& body) {
    HttpRequest http;
    http.method = "POST";
    http.url = std::move(url);
    http.headers.reserve(3);
    if (!authorization.empty()) {
        http.headers.push_back(HttpHeader{"Authorization", std::move(authorization)});
    }
    http.headers.push_back(HttpHeader{"Content-Type", "application/json"});
    http.headers.push_back(HttpHeader{"Accept", "application/json"});
    http.body = body.dump();
    return http;
}

/// A GET of `url`, with the Authorization header `authorization` and an Accept header for JSON.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE HttpRequest make_get_request(std::string url, std::string authorization) {
    HttpRequest http;
    http.method = "GET";
    http.url = std::move(url);
    http.headers = {HttpHeader{"Authorization", std::move(authorization)},
                    HttpHeader{"Accept", "application/json"}};
    return http;
}

}  // namespace onelogin::detail
