// What bulk_invite's tests share: a temporary directory of their own, and a file's bytes.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

namespace test_support {

/// A fresh directory under the temporary directory, removed with what it holds.
struct TempDir {
    std::string path;
    TempDir() {
        std::string name = (std::filesystem::temp_directory_path() / "bulk_test.XXXXXX").string();
        if (::mkdtemp(name.data()) != nullptr) path = name;
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    std::string operator/(const std::string& name) const { return path + "/" + name; }
};

/// The bytes of the file at `path`; empty when it cannot be read.
inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace test_support
