// bulk_invite's report: what a person opens at the end of a run. One CSV row per input row, in
// input order, with its final state, where the results file is an event log of every attempt:
//
//   row,email,personal_email,state,outcome,detail,note
//
// `state` is sent, refused, duplicate, not_sent (never tried counts as not sent) or unknown (a
// request that may have arrived, `sending` included); `outcome` and `detail` are the results
// file's last record of the row; `note` names the rows that hold the same address in other letter
// cases. The report is written whole to a new file beside it (mode 0600: it names people, and
// with --links holds the links) and renamed over the old one, so a reader never sees half of it.
#pragma once

#include "journal.hpp"
#include "people_csv.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>

namespace bulk {

/// The report's default path: the results file's, with `.report.csv` for `.results.csv` (or
/// `.report.csv` added).
inline std::string report_path_for(const std::string& results_path) {
    const std::string suffix = ".results.csv";
    if (results_path.size() > suffix.size() &&
        results_path.compare(results_path.size() - suffix.size(), suffix.size(), suffix) == 0) {
        return results_path.substr(0, results_path.size() - suffix.size()) + ".report.csv";
    }
    return results_path + ".report.csv";
}

/// The name of the file the report is written to before it is renamed to `path`.
inline std::string report_temporary_path(const std::string& path) { return path + ".tmp"; }

/// Whether paths `a` and `b` name one directory entry: the same name in the same directory (a
/// name not there yet included), or two names of one file. Writing the report to either of them
/// replaces (or, for its temporary, removes) the other.
inline bool same_entry(const std::string& a, const std::string& b) {
    const auto split = [](const std::string& path) {
        const std::size_t slash = path.rfind('/');
        if (slash == std::string::npos) return std::make_pair(std::string("."), path);
        return std::make_pair(slash == 0 ? std::string("/") : path.substr(0, slash),
                              path.substr(slash + 1));
    };
    struct stat first {};
    struct stat second {};
    if (::lstat(a.c_str(), &first) == 0 && ::lstat(b.c_str(), &second) == 0) {
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino;
    }
    const auto [a_directory, a_name] = split(a);
    const auto [b_directory, b_name] = split(b);
    return a_name == b_name && ::stat(a_directory.c_str(), &first) == 0 &&
           ::stat(b_directory.c_str(), &second) == 0 && first.st_dev == second.st_dev &&
           first.st_ino == second.st_ino;
}

/// The row's final state as the report gives it.
inline State final_state(const Journal& journal, long row) {
    const State state = journal.state_of(row);
    return state == State::none ? State::not_sent : state;
}

/// The report's text.
inline std::string report_text(const PeopleFile& people, const Journal& journal) {
    std::string text = "row,email,personal_email,state,outcome,detail,note\n";
    for (const Person& person : people.people) {
        const auto found = journal.last_records().find(person.row);
        const Record none;
        const Record& last = found == journal.last_records().end() ? none : found->second;
        std::string note;
        if (person.case_group >= 0) {
            note = "the same address in other letter cases: rows";
            const auto& group = people.case_variants[static_cast<std::size_t>(person.case_group)];
            for (std::size_t i = 0; i < group.size(); ++i) {
                note += (i == 0 ? " " : ", ") + std::to_string(group[i]);
            }
        }
        text += std::to_string(person.row) + "," + Journal::cell(person.email) + "," +
                Journal::cell(person.personal_email.value_or("")) + "," +
                to_string(final_state(journal, person.row)) + "," + Journal::cell(last.outcome) +
                "," + Journal::cell(last.detail) + "," + Journal::cell(note) + "\n";
    }
    return text;
}

/// Writes the report to `path`; false, with `error`, when it could not (the old report, if any,
/// is then left as it was).
inline bool write_report(const std::string& path, const PeopleFile& people, const Journal& journal,
                         std::string& error) {
    const std::string text = report_text(people, journal);
    const std::string temporary = report_temporary_path(path);
    ::unlink(temporary.c_str());  // one a killed run left; a symbolic link is removed, not followed
    const int fd =
        ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        error = "cannot create " + temporary + ": " + std::strerror(errno);
        return false;
    }
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t wrote = ::write(fd, text.data() + done, text.size() - done);
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) break;
        done += static_cast<std::size_t>(wrote);
    }
    const bool written = done == text.size() && ::fdatasync(fd) == 0;
    const int saved = errno;
    ::close(fd);
    if (!written || std::rename(temporary.c_str(), path.c_str()) != 0) {
        error = "cannot write " + path + ": " + std::strerror(written ? errno : saved);
        ::unlink(temporary.c_str());
        return false;
    }
    return true;
}

}  // namespace bulk
