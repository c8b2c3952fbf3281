// onelogin-invite: the shape of every request the library builds: a POST of a compact JSON object,
// with the JSON content headers and, for API /1, an Authorization header.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/json_writer.hpp>
#include <onelogin/invite/http.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace onelogin::detail {

/// A POST to `url` of the first `count` members as a compact JSON object, with an Authorization
/// header first when `authorization` is not empty.
template <std::size_t N>
HttpRequest build_json_post(std::string url, std::string authorization,
                            const std::array<JsonMember, N>& members, std::size_t count) {
    HttpRequest http;
    http.method = "POST";
    http.url = std::move(url);
    // Moved in one by one: an initializer list would copy every string.
    http.headers.reserve(authorization.empty() ? 2 : 3);
    if (!authorization.empty()) {
        http.headers.push_back(HttpHeader{"Authorization", std::move(authorization)});
    }
    http.headers.push_back(HttpHeader{"Content-Type", "application/json"});
    http.headers.push_back(HttpHeader{"Accept", "application/json"});
    http.body = write_json_object(members, count);
    return http;
}

/// `base` followed by `path`, in one allocation.
ONELOGIN_INVITE_INLINE std::string join_url(std::string_view base, std::string_view path) {
    std::string url;
    url.reserve(base.size() + path.size());
    url.append(base).append(path);
    return url;
}

}  // namespace onelogin::detail
