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

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace bulk {

/// The exit status, from the whole results file (after a run that got to the end of it).
enum BulkExit : int {
    all_sent = 0,
    fatal = 1,        // the people file could not be read, or the results file trusted or written
    usage_error = 2,  // bad arguments, no email column, or a results file another run holds
    credentials_refused = 3,  // the API key or client credentials were refused: the run stopped
    some_refused = 4,         // every row has a final answer, and some were refused
    some_not_sent = 5,        // some rows are still to send: run again with --resume
    some_unknown = 6,         // some rows may or may not have been invited: check them
    run_error = 7,  // not the rows' fault: a malformed credential or base URL, a base URL that
                    // leads to no call, or the token endpoint could not be reached; no row was
                    // refused for it, fix it and --resume
};

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

/// The first rows in `rows`, as "2, 5, 9 and 4 more".
inline std::string first_rows(const std::vector<long>& rows) {
    std::string out;
    const std::size_t shown = std::min<std::size_t>(rows.size(), 10);
    for (std::size_t i = 0; i < shown; ++i) out += (i ? ", " : "") + std::to_string(rows[i]);
    if (rows.size() > shown) out += " and " + std::to_string(rows.size() - shown) + " more";
    return out;
}

/// Prints the counts of the whole file, names the first rows of each kind that needs a look, and
/// gives the exit status.
inline int summarize(const bulk::PeopleFile& people, const bulk::Journal& journal,
                     const std::string& report_path, bool report_written) {
    std::map<State, std::vector<long>> rows;
    for (const Person& person : people.people) {
        State state = journal.state_of(person.row);
        if (state == State::none) state = State::not_sent;
        rows[state].push_back(person.row);
    }
    std::printf("rows: %zu sent, %zu refused, %zu not sent yet, %zu unknown, %zu duplicate\n",
                rows[State::sent].size(), rows[State::refused].size(), rows[State::not_sent].size(),
                rows[State::unknown].size(), rows[State::duplicate].size());
    if (!rows[State::refused].empty())
        std::printf("refused: rows %s\n", first_rows(rows[State::refused]).c_str());
    if (!rows[State::not_sent].empty())
        std::printf("not sent yet: rows %s\n", first_rows(rows[State::not_sent]).c_str());
    if (!rows[State::unknown].empty())
        std::printf("unknown: rows %s\n", first_rows(rows[State::unknown]).c_str());
    for (const std::vector<long>& group : people.case_variants) {
        std::printf(
            "one address in different letter cases: rows %s (each was sent as written; OneLogin "
            "matches the spelling, so check which one is the person's)\n",
            first_rows(group).c_str());
    }
    if (report_written) std::printf("report: %s\n", report_path.c_str());
    if (!rows[State::unknown].empty()) {
        std::printf(
            "unknown: the request for %zu rows may have reached the server (a timeout, a "
            "gateway's 502 or 504, or a run stopped while it was out); check in OneLogin whether "
            "they were invited: --resume --resend-unknown sends every one of them again\n",
            rows[State::unknown].size());
        return some_unknown;
    }
    if (!rows[State::not_sent].empty()) {
        std::printf("run again with --resume to send the rows not sent yet\n");
        return some_not_sent;
    }
    return rows[State::refused].empty() ? all_sent : some_refused;
}

}  // namespace bulk
