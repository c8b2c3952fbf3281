// The people file on disk: its bytes read (a regular file, a pipe or a device, never a directory),
// and a lock held on it for the whole run, so that a second run from the same file stops.
#pragma once

#include "journal.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace bulk {

/// The people file's text; false, with `error`, when it is not a file that can be read (a
/// directory, say). Regular files, pipes and devices are read.
inline bool read_people_file(const std::string& path, std::string& text, std::string& error) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = std::string("cannot open it: ") + std::strerror(errno);
        return false;
    }
    struct stat status {};
    if (::fstat(fd, &status) != 0 || S_ISDIR(status.st_mode)) {
        error = "it is a directory";
        ::close(fd);
        return false;
    }
    char buffer[65536];
    ssize_t got = 0;
    while ((got = ::read(fd, buffer, sizeof buffer)) != 0) {
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            error = std::string("cannot read it: ") + std::strerror(errno);
            ::close(fd);
            return false;
        }
        text.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fd);
    return true;
}

/// Holds a lock on the people file (a regular one) until the program ends; the id of the process
/// that holds it instead (-1 when unknown), or 0. Two runs from one people file with two results
/// files (another --results, or the file named through a link) would each invite everyone.
inline long lock_people_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat status {};
    if (fd < 0 || ::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        if (fd >= 0) ::close(fd);
        return 0;  // a pipe or device: no other run can read it again; or reading will say
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0 || errno != EWOULDBLOCK) return 0;
    const long holder = bulk::Journal::lock_holder(status);
    ::close(fd);
    return holder > 0 ? holder : -1;
}

}  // namespace bulk
