// bulk_invite's results file, kept as a journal: one CSV record per event, appended with a single
// write(2) each and checked, so that whatever happens to the run (Ctrl-C, SIGKILL, a full disk)
// the file says what became of every row.
//
//   row,email,personal_email,state,outcome,detail
//
// Before each request goes out, a `sending` record is written; when its answer is known, a record
// with the row's new state. A row's state is its last record's: `sending` left last means the
// run stopped while the request was out, so the row is `unknown`. The file is fsync'ed at least
// once a second while records are written, and at the end of the run.
//
// Cells are written by libcsv (quoted, so any byte survives); a cell that a spreadsheet would run
// as a formula (starting with = + - @, a tab or a carriage return) is written with a leading ',
// as OWASP advises for CSV injection, and read back without it.
#pragma once

#include "people_csv.hpp"

#include <csv.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace bulk {

/// What is known of a row.
enum class State {
    none,      ///< no record yet: never tried
    sending,   ///< a request is out (only in the file; read back as unknown)
    sent,      ///< the invite went out
    refused,   ///< a final answer other than sent: no such user, an invalid address, a duplicate
    not_sent,  ///< not sent, and safe to send: no connection, a 429, a 5xx that came back
    unknown,   ///< the request may have reached the server: check before sending it again
};

inline const char* to_string(State state) {
    switch (state) {
        case State::none: return "none";
        case State::sending: return "sending";
        case State::sent: return "sent";
        case State::refused: return "refused";
        case State::not_sent: return "not_sent";
        case State::unknown: return "unknown";
    }
    return "none";
}

inline State state_named(const std::string& name) {
    for (State state :
         {State::sending, State::sent, State::refused, State::not_sent, State::unknown}) {
        if (name == to_string(state)) return state;
    }
    return State::none;
}

/// The results journal of one input file.
class Journal {
public:
    Journal() = default;
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;
    ~Journal() {
        if (fd_ >= 0) {
            ::fsync(fd_);
            ::close(fd_);
        }
    }

    /// Creates `path` for a new run (mode 0600: it names people), or with `resume` reads the
    /// states it holds, cuts off a record the last run left half-written, and continues it.
    bool open(const std::string& path, bool resume, const std::vector<Person>& people,
              std::string& error) {
        struct stat status {};
        const bool exists = ::stat(path.c_str(), &status) == 0 && status.st_size > 0;
        if (exists && !resume) {
            error = "the results file " + path +
                    " exists: pass --resume to continue that run, or remove it to start again";
            return false;
        }
        if (exists && !load(path, people, error)) return false;
        fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
        if (fd_ < 0) {
            error = "cannot write the results file " + path + ": " + std::strerror(errno);
            return false;
        }
        if (!exists && !write_all("row,email,personal_email,state,outcome,detail\n")) {
            error = error_;
            return false;
        }
        return sync();
    }

    /// The row's state as the file says, `sending` read as unknown.
    State state_of(long row) const {
        const auto found = states_.find(row);
        if (found == states_.end()) return State::none;
        return found->second == State::sending ? State::unknown : found->second;
    }

    /// Appends one record; false (and error()) when it could not be written whole.
    bool append(const Person& person, State state, const std::string& outcome,
                const std::string& detail) {
        std::string record = std::to_string(person.row) + "," + cell(person.email) + "," +
                             cell(person.personal_email.value_or("")) + "," + to_string(state) +
                             "," + cell(outcome) + "," + cell(detail) + "\n";
        if (!write_all(record)) return false;
        states_[person.row] = state;
        if (std::chrono::steady_clock::now() - synced_ >= std::chrono::seconds(1)) return sync();
        return true;
    }

    /// Flushes what was written to the disk.
    bool sync() {
        synced_ = std::chrono::steady_clock::now();
        if (::fsync(fd_) == 0) return true;
        error_ = std::string("cannot sync the results file: ") + std::strerror(errno);
        return false;
    }

    const std::string& error() const { return error_; }

private:
    /// `text` as one CSV cell: quoted by libcsv, with a leading ' if a spreadsheet would run it.
    static std::string cell(const std::string& text) {
        std::string safe = text;
        if (!safe.empty() && std::strchr("=+-@\t\r", safe.front()) != nullptr) safe.insert(0, "'");
        std::string out(csv_write(nullptr, 0, safe.data(), safe.size()), '\0');
        csv_write(out.data(), out.size(), safe.data(), safe.size());
        return out;
    }

    /// A cell as written, without the ' that neutralised a formula.
    static std::string uncell(const std::string& text) {
        if (text.size() >= 2 && text[0] == '\'' && std::strchr("=+-@\t\r", text[1]) != nullptr) {
            return text.substr(1);
        }
        return text;
    }

    bool write_all(const std::string& text) {
        std::size_t done = 0;
        while (done < text.size()) {
            const ssize_t wrote = ::write(fd_, text.data() + done, text.size() - done);
            if (wrote < 0 && errno == EINTR) continue;
            if (wrote <= 0) {
                error_ = std::string("cannot write the results file: ") +
                         (wrote < 0 ? std::strerror(errno) : "nothing written");
                return false;
            }
            done += static_cast<std::size_t>(wrote);
        }
        return true;
    }

    /// Reads the records of an existing file, feeding libcsv a byte at a time so that the end of
    /// the last whole record is known, and cuts the file there.
    bool load(const std::string& path, const std::vector<Person>& people, std::string& error) {
        std::string text;
        {
            const int in = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
            if (in < 0) {
                error = "cannot read the results file " + path + ": " + std::strerror(errno);
                return false;
            }
            char buffer[65536];
            ssize_t got = 0;
            while ((got = ::read(in, buffer, sizeof buffer)) > 0) {
                text.append(buffer, static_cast<std::size_t>(got));
            }
            ::close(in);
        }
        struct Collect {
            std::vector<std::string> fields;
            std::vector<std::vector<std::string>> records;
            std::size_t at = 0;
            std::size_t whole = 0;  // bytes of the whole records read so far
        } collect;
        csv_parser parser{};
        csv_init(&parser, CSV_STRICT | CSV_APPEND_NULL);
        const auto on_field = [](void* data, std::size_t size, void* self) {
            static_cast<Collect*>(self)->fields.emplace_back(static_cast<const char*>(data), size);
        };
        const auto on_record = [](int /*terminator*/, void* self) {
            auto& c = *static_cast<Collect*>(self);
            c.records.push_back(std::move(c.fields));
            c.fields.clear();
            c.whole = c.at + 1;
        };
        for (collect.at = 0; collect.at < text.size(); ++collect.at) {
            if (csv_parse(&parser, &text[collect.at], 1, on_field, on_record, &collect) != 1) break;
        }
        csv_free(&parser);

        std::map<long, const Person*> by_row;
        for (const Person& person : people) by_row[person.row] = &person;
        for (std::size_t i = 1; i < collect.records.size(); ++i) {  // record 0 is the header
            const std::vector<std::string>& fields = collect.records[i];
            const long row = fields.size() == 6 ? std::atol(fields[0].c_str()) : 0;
            const State state = fields.size() == 6 ? state_named(fields[3]) : State::none;
            const auto person = by_row.find(row);
            if (state == State::none || person == by_row.end() ||
                uncell(fields[1]) != person->second->email) {
                error = "the results file " + path +
                        " does not belong to this input file (record " + std::to_string(i + 1) +
                        ")";
                return false;
            }
            states_[row] = state;
        }
        if (collect.whole < text.size() &&
            ::truncate(path.c_str(), static_cast<off_t>(collect.whole)) != 0) {
            error = "cannot cut the half-written record off " + path + ": " + std::strerror(errno);
            return false;
        }
        return true;
    }

    int fd_ = -1;
    std::map<long, State> states_;
    std::string error_;
    std::chrono::steady_clock::time_point synced_{};
};

}  // namespace bulk
