// bulk_invite's results file, kept as a journal: one CSV record per event, appended with a single
// write(2) each and checked, so that whatever happens to the run (Ctrl-C, SIGKILL, a full disk)
// the file says what became of every row.
//
//   row,email,personal_email,state,outcome,detail
//
// Before a request goes out, a `sending` record is written and made durable (sync()); when its
// answer is known, a record with the row's new state. A row's state is its last record's:
// `sending` left last means the run stopped while the request was out, so the row is `unknown`.
//
// One run at a time per file: a new run creates the file (O_EXCL, mode 0600: it names people),
// --resume opens the one there, and either holds an exclusive flock(2) on it until the Journal is
// destroyed. --resume refuses a symbolic link, a file that is not regular, that another user
// owns or that others may read or write (anyone who can write it can make a row read as never
// tried, and have it sent again); with --resume and no file, the run starts a new one, as a run
// without --resume would. Every record must read back whole, with a known state and the row and
// address of the input file; the only thing --resume cuts is a record left half-written at the
// very end. Anything else is damage: the file is left as it is and the line is named.
//
// Cells are written by libcsv (quoted, so any byte survives). A cell that a spreadsheet would run
// as a formula (starting with = + - @, a tab or a carriage return) gets a leading ', as OWASP
// advises for CSV injection, and so does a cell that starts with ' itself; reading takes exactly
// one leading ' off a cell whose next byte is one of those. Every byte string reads back as
// written, but for a run of 64 NUL bytes outside the input's addresses, which the run never
// writes: it is read as a zeroed block, and so as damage.
#pragma once

#include "people_csv.hpp"

#include <csv.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace bulk {

/// What is known of a row.
enum class State {
    none,       ///< no record yet: never tried
    sending,    ///< a request is out (only in the file; read back as unknown)
    sent,       ///< the invite went out
    refused,    ///< a final answer other than sent: no such user, an invalid address
    not_sent,   ///< not sent, and safe to send: no connection, a 429, a 5xx that came back
    unknown,    ///< the request may have reached the server: check before sending it again
    duplicate,  ///< not sent: the row repeats an earlier row's address exactly
};

/// The state's name, as the file holds it.
inline const char* to_string(State state) {
    switch (state) {
        case State::none: return "none";
        case State::sending: return "sending";
        case State::sent: return "sent";
        case State::refused: return "refused";
        case State::not_sent: return "not_sent";
        case State::unknown: return "unknown";
        case State::duplicate: return "duplicate";
    }
    return "none";
}

/// The state a file's name stands for; none for a name that is not a state of the file.
inline State state_named(const std::string& name) {
    for (State state : {State::sending, State::sent, State::refused, State::not_sent,
                        State::unknown, State::duplicate}) {
        if (name == to_string(state)) return state;
    }
    return State::none;
}

/// How opening the results file went.
enum class OpenStatus {
    ok,       ///< open, locked, its records read: the run may go on
    exists,   ///< a new run, but the file is there: --resume it or remove it
    locked,   ///< another run holds it: nothing may be sent
    damaged,  ///< a record does not read back, or is not of this input file: nothing was changed
    unsafe,   ///< a symbolic link, not a regular file, another user's, or open to others
    failed,   ///< the system refused (no such directory, no permission, a full disk...)
};

/// The status's name, as a program prints it.
inline const char* to_string(OpenStatus status) {
    switch (status) {
        case OpenStatus::ok: return "ok";
        case OpenStatus::exists: return "exists";
        case OpenStatus::locked: return "locked";
        case OpenStatus::damaged: return "damaged";
        case OpenStatus::unsafe: return "unsafe";
        case OpenStatus::failed: return "failed";
    }
    return "failed";
}

/// A row's last record: its state as written (`sending` included), outcome and detail.
struct Record {
    State state = State::none;
    std::string outcome;
    std::string detail;
};

/// The results journal of one input file, open for one run.
class Journal {
public:
    /// The file's first line.
    static constexpr const char* header = "row,email,personal_email,state,outcome,detail\n";

    Journal() = default;
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;
    /// Syncs and closes the file, which lets another run have it.
    ~Journal() {
        if (fd_ >= 0) {
            ::fdatasync(fd_);
            ::close(fd_);
        }
    }

    /// Opens `path` for this run: creates it (resume false) or continues it (resume true; a
    /// missing file is created), locks it, and reads the rows' states from it. Anything but ok
    /// leaves `error` saying what is wrong and what to do, and the file as it was.
    OpenStatus open(const std::string& path, bool resume, const std::vector<Person>& people,
                    std::string& error) {
        if (fd_ >= 0) {
            error = "the results file is already open";
            return OpenStatus::failed;
        }
        const std::string named = "the results file " + path;
        bool created = false;
        for (int attempt = 0; attempt < 2 && fd_ < 0; ++attempt) {
            if (resume) {
                fd_ = ::open(path.c_str(), O_RDWR | O_APPEND | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
                if (fd_ >= 0) break;
                if (errno == ELOOP) {
                    error = named +
                            " is a symbolic link; the results are written only to a regular "
                            "file: give its target as --results";
                    return OpenStatus::unsafe;
                }
                if (errno == EISDIR) {
                    error = named + " is a directory: give --results a file";
                    return OpenStatus::unsafe;
                }
                if (errno != ENOENT) {
                    error = "cannot open " + named + ": " + std::strerror(errno);
                    return OpenStatus::failed;
                }
            }
            // --resume may have to read what another run wrote between this open and the lock.
            fd_ = ::open(
                path.c_str(),
                (resume ? O_RDWR : O_WRONLY) | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                0600);
            if (fd_ >= 0) {
                created = true;
            } else if (errno != EEXIST) {
                error = "cannot create " + named + ": " + std::strerror(errno);
                return OpenStatus::failed;
            } else if (!resume) {
                error = named +
                        " exists: pass --resume to continue that run, or remove it to start again";
                return OpenStatus::exists;
            }  // else made by another run since the first try: open it as it is
        }
        if (fd_ < 0) {
            error = "cannot open " + named + ": it keeps appearing and disappearing";
            return OpenStatus::failed;
        }
        const OpenStatus status = take(path, named, created, created && !resume, people, error);
        if (status != OpenStatus::ok) {
            ::close(fd_);
            fd_ = -1;
        }
        return status;
    }

    /// The row's state as the file says, `sending` read as unknown.
    State state_of(long row) const {
        const auto found = last_.find(row);
        if (found == last_.end()) return State::none;
        return found->second.state == State::sending ? State::unknown : found->second.state;
    }

    /// Each row's last record (`sending` as written), by row; rows never tried are not in it.
    const std::map<long, Record>& last_records() const { return last_; }

    /// Appends one record with one write(2), not synced; false (and error()) when it could not be
    /// written whole, in which case what was written of it is cut off again when possible.
    bool append(const Person& person, State state, const std::string& outcome,
                const std::string& detail) {
        if (fd_ < 0 || broken_) {
            error_ = fd_ < 0 ? "the results file is not open"
                             : "the results file ends in a record that could not be cut off";
            return false;
        }
        const std::string record = std::to_string(person.row) + "," + cell(person.email) + "," +
                                   cell(person.personal_email.value_or("")) + "," +
                                   to_string(state) + "," + cell(outcome) + "," + cell(detail) +
                                   "\n";
        dirty_ = true;
        if (!write_all(record)) {
            if (::ftruncate(fd_, size_) != 0) broken_ = true;
            return false;
        }
        size_ += static_cast<off_t>(record.size());
        last_[person.row] = Record{state, outcome, detail};
        return true;
    }

    /// Makes everything written so far durable (fdatasync); false (and error()) when it cannot.
    bool sync() {
        synced_ = std::chrono::steady_clock::now();
        if (fd_ < 0) {
            error_ = "the results file is not open";
            return false;
        }
        if (::fdatasync(fd_) != 0) {
            error_ = std::string("cannot sync the results file: ") + std::strerror(errno);
            return false;
        }
        dirty_ = false;
        return true;
    }

    /// Syncs when something was written and the last sync is a second old or more.
    bool sync_if_due() {
        if (!dirty_ || std::chrono::steady_clock::now() - synced_ < std::chrono::seconds(1)) {
            return true;
        }
        return sync();
    }

    /// The id of the process holding a flock(2) on the file `status` describes, from /proc/locks; 0
    /// if unknown.
    static long lock_holder(const struct stat& status) {
        std::FILE* locks = std::fopen("/proc/locks", "re");
        if (locks == nullptr) return 0;
        long found = 0;
        long by_inode = 0;
        int inode_matches = 0;
        char line[256];
        while (std::fgets(line, sizeof line, locks) != nullptr) {
            // "1: FLOCK  ADVISORY  WRITE 1234 fd:01:5678 0 EOF" (a waiter has "->" after "1:")
            char kind[16] = "";
            long pid = 0;
            unsigned major_id = 0;
            unsigned minor_id = 0;
            unsigned long long inode = 0;
            if (std::sscanf(line, "%*d: %15s %*s %*s %ld %x:%x:%llu", kind, &pid, &major_id,
                            &minor_id, &inode) != 5 ||
                std::strcmp(kind, "FLOCK") != 0 || inode != status.st_ino) {
                continue;
            }
            if (major_id == major(status.st_dev) && minor_id == minor(status.st_dev)) found = pid;
            by_inode = pid;
            ++inode_matches;
        }
        std::fclose(locks);
        // Some file systems (overlayfs, btrfs) show another device number there than fstat.
        return found != 0 ? found : inode_matches == 1 ? by_inode : 0;
    }

    /// Why the last append() or sync() failed.
    const std::string& error() const { return error_; }

    /// `text` as one CSV cell: quoted by libcsv, with a leading ' if a spreadsheet would run it
    /// or if it starts with ' itself.
    static std::string cell(const std::string& text) {
        std::string safe = text;
        if (escaped_first(safe, 0)) safe.insert(0, "'");
        std::string out(csv_write(nullptr, 0, safe.data(), safe.size()), '\0');
        csv_write(out.data(), out.size(), safe.data(), safe.size());
        return out;
    }

    /// A cell's text as it was before cell() (libcsv has taken the quotes off already).
    static std::string uncell(const std::string& text) {
        if (text.size() >= 2 && text[0] == '\'' && escaped_first(text, 1)) return text.substr(1);
        return text;
    }

private:
    /// Whether text[at] is a byte that cell() puts a ' before.
    static bool escaped_first(const std::string& text, std::size_t at) {
        return at < text.size() && text[at] != '\0' && std::strchr("=+-@\t\r'", text[at]);
    }

    /// Checks the open file, locks it and reads it; the second half of open().
    /// `created`: by this open(); `new_run`: so it must still be empty once locked (and cannot be
    /// read: it is open write-only).
    OpenStatus take(const std::string& path, const std::string& named, bool created, bool new_run,
                    const std::vector<Person>& people, std::string& error) {
        struct stat status {};
        if (::fstat(fd_, &status) != 0) {
            error = "cannot look at " + named + ": " + std::strerror(errno);
            return OpenStatus::failed;
        }
        if (!S_ISREG(status.st_mode)) {
            error = named + " is not a regular file: give --results a file";
            return OpenStatus::unsafe;
        }
        if (status.st_uid != ::geteuid()) {
            error = named + " belongs to user id " + std::to_string(status.st_uid) +
                    ", not to you (" + std::to_string(::geteuid()) +
                    "): whoever owns it could have changed it. Check it, then take it over "
                    "(sudo chown " +
                    std::to_string(::geteuid()) + " " + path + ") or remove it";
            return OpenStatus::unsafe;
        }
        if (created && (status.st_mode & 077) != 0 && ::fchmod(fd_, 0600) == 0) {
            status.st_mode &= ~static_cast<mode_t>(077);  // a directory's default ACL widened it
        }
        if ((status.st_mode & 077) != 0) {
            char mode[8];
            std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(status.st_mode & 07777));
            error = named + " has mode " + mode +
                    ": others may read it (it names people) or change it. Check it, then "
                    "chmod 600 " +
                    path;
            return OpenStatus::unsafe;
        }
        if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            if (errno != EWOULDBLOCK) {
                error = "cannot lock " + named + ": " + std::strerror(errno);
                return OpenStatus::failed;
            }
            const long holder = lock_holder(status);
            error = named + " is in use by another run (" +
                    (holder > 0 ? "process " + std::to_string(holder)
                                : std::string("its process id is unknown")) +
                    "): nothing was sent. Let that run finish or stop it, then --resume";
            return OpenStatus::locked;
        }
        std::string text;
        if (new_run) {  // its size says whether a --resume run came in between
            if (::fstat(fd_, &status) != 0) {
                error = "cannot look at " + named + ": " + std::strerror(errno);
                return OpenStatus::failed;
            }
            if (status.st_size != 0) {
                error = named +
                        " was started by another run at the same moment: nothing was "
                        "sent. Pass --resume to continue it";
                return OpenStatus::exists;
            }
        } else if (!read_all(text)) {
            error = "cannot read " + named + ": " + std::strerror(errno);
            return OpenStatus::failed;
        }
        std::size_t whole = 0;
        if (!text.empty()) {
            std::string why;
            std::size_t line = 0;
            if (!load(text, people, whole, line, why)) {
                error = named + " is damaged at line " + std::to_string(line) + ": " + why +
                        ". Nothing was sent and the file is as it was: look at that line, mend "
                        "it, then --resume again";
                return OpenStatus::damaged;
            }
        }
        if (whole < text.size() && ::ftruncate(fd_, static_cast<off_t>(whole)) != 0) {
            error = "cannot cut the half-written last record off " + named + ": " +
                    std::strerror(errno);
            return OpenStatus::failed;
        }
        size_ = static_cast<off_t>(whole);
        if (whole == 0) {
            if (!write_all(header)) {
                error = error_;
                if (::ftruncate(fd_, 0) != 0) error += " (and it could not be emptied again)";
                return OpenStatus::failed;
            }
            size_ = static_cast<off_t>(std::strlen(header));
        }
        if (!sync()) {
            error = error_;
            return OpenStatus::failed;
        }
        if (created) sync_directory(path);
        return OpenStatus::ok;
    }

    /// Makes a new file's name durable: fsync on its directory (best effort).
    static void sync_directory(const std::string& path) {
        const std::size_t slash = path.rfind('/');
        const std::string directory = slash == std::string::npos ? "."
                                      : slash == 0               ? "/"
                                                                 : path.substr(0, slash);
        const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) return;
        ::fsync(fd);
        ::close(fd);
    }

    /// The whole file, read through the locked descriptor.
    bool read_all(std::string& text) const {
        char buffer[65536];
        for (;;) {
            const ssize_t got =
                ::pread(fd_, buffer, sizeof buffer, static_cast<off_t>(text.size()));
            if (got < 0 && errno == EINTR) continue;
            if (got < 0) return false;
            if (got == 0) return true;
            text.append(buffer, static_cast<std::size_t>(got));
        }
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

    /// libcsv's records as they complete, with the byte that ended each.
    struct Reader {
        std::vector<std::string> fields;
        std::vector<std::pair<std::vector<std::string>, int>> done;

        static void on_field(void* data, std::size_t size, void* self) {
            static_cast<Reader*>(self)->fields.emplace_back(static_cast<const char*>(data), size);
        }
        static void on_record(int terminator, void* self) {
            auto& reader = *static_cast<Reader*>(self);
            reader.done.emplace_back(std::move(reader.fields), terminator);
            reader.fields.clear();
        }
    };

    /// Checks one record, or the complete fields of the half-written last one (`whole` false),
    /// against the input; false with `why`.
    static bool check(const std::vector<std::string>& fields, bool whole,
                      const std::map<long, const Person*>& by_row, long& row, State& state,
                      std::string& why) {
        if (whole && fields.size() != 6) {
            why = "a record of " + std::to_string(fields.size()) + " fields, not 6";
            return false;
        }
        if (fields.size() > 6) {
            why = "a record of more than 6 fields";
            return false;
        }
        if (fields.empty()) return true;
        const std::string& number = fields[0];
        const auto [end, failure] =
            std::from_chars(number.data(), number.data() + number.size(), row);
        const auto person = by_row.find(row);
        if (failure != std::errc() || end != number.data() + number.size() ||
            person == by_row.end()) {
            why =
                "the row number is not a row of the input file (was the file started with "
                "another one, or was the input changed since?)";
            return false;
        }
        if (fields.size() >= 2 && uncell(fields[1]) != person->second->email) {
            why = "row " + number +
                  "'s address is not the input file's (was the file started with another one, or "
                  "was the input changed since?)";
            return false;
        }
        state = fields.size() >= 4 ? state_named(fields[3]) : State::none;
        if (fields.size() >= 4 && state == State::none) {
            why = "row " + number + " has no known state";
            return false;
        }
        // A zeroed block that begins in one quoted cell and ends in a later one reads as one
        // record whose cell holds it, and hides the records it covered. A file system zeroes
        // whole sectors; no text the run writes holds 64 NUL bytes in a row (but for a personal
        // address the input has).
        const std::string personal = person->second->personal_email.value_or("");
        for (std::size_t i = 2; i < fields.size(); ++i) {
            if (i != 3 && fields[i].find(std::string(64, '\0')) != std::string::npos &&
                (i != 2 || uncell(fields[i]) != personal)) {
                why = "row " + number + " has a run of NUL bytes in a cell (a zeroed block?)";
                return false;
            }
        }
        return true;
    }

    /// Reads the file's records: each must be whole and of this input, but for a half-written
    /// last one, whose start is left in `whole` (the bytes to keep). False with the 1-based line
    /// of the first record that is not, and `why`.
    bool load(const std::string& text, const std::vector<Person>& people, std::size_t& whole,
              std::size_t& line, std::string& why) {
        std::map<long, const Person*> by_row;
        for (const Person& person : people) by_row[person.row] = &person;
        csv_parser parser{};
        if (csv_init(&parser, CSV_STRICT | CSV_APPEND_NULL) != 0) {
            why = "cannot start the CSV reader";
            line = 1;
            return false;
        }
        Reader reader;
        std::size_t records = 0;
        whole = 0;
        line = 1;  // where the record being read began
        // A line at a time: each record ends with a newline, so it ends with one of these calls.
        std::size_t at_line = 1;
        for (std::size_t start = 0; why.empty() && start < text.size(); ++at_line) {
            const std::size_t newline = text.find('\n', start);
            const std::size_t end = newline == std::string::npos ? text.size() : newline + 1;
            if (csv_parse(&parser, text.data() + start, end - start, Reader::on_field,
                          Reader::on_record, &reader) != end - start) {
                line = at_line;
                why = std::string("not CSV (") + csv_strerror(csv_error(&parser)) +
                      "): a stray quote?";
                break;
            }
            for (const auto& [fields, terminator] : reader.done) {
                if (terminator != '\n') {
                    why = "a record that ends in a carriage return";
                } else if (records == 0) {
                    const std::vector<std::string> names = {"row",   "email",   "personal_email",
                                                            "state", "outcome", "detail"};
                    if (fields != names) why = "it does not start with bulk_invite's header";
                } else {
                    long row = 0;
                    State state = State::none;
                    if (check(fields, true, by_row, row, state, why)) {
                        last_[row] = Record{state, uncell(fields[4]), uncell(fields[5])};
                    }
                }
                if (!why.empty()) break;
                ++records;
            }
            if (!why.empty()) break;
            if (!reader.done.empty()) {
                whole = end;
                line = at_line + 1;
            } else if (newline != std::string::npos && reader.fields.empty() && line == at_line) {
                // A record's first field, its row number, never holds a newline.
                why = "a line that holds no record (empty, or a quote that is not closed)";
                break;
            }
            reader.done.clear();
            start = end;
        }
        csv_free(&parser);
        if (why.empty() && whole < text.size()) {  // cut short at the end: a record's start?
            long row = 0;
            State state = State::none;
            const std::string rest = text.substr(whole);
            if (rest.back() == '\n') {
                // A write cut short after a newline in a quoted cell is next to impossible; a
                // stray quote that leaves the last line's cell open is not. Not cut, then.
                why = "the last record ends inside a quoted cell (a stray quote?)";
            } else if (records == 0) {
                if (std::string(header).compare(0, rest.size(), rest) != 0) {
                    why = "it does not start with bulk_invite's header";
                }
            } else if (!check(reader.fields, false, by_row, row, state, why)) {
                why =
                    "the last record is cut short, and is not the start of a record either: " + why;
            }
        }
        if (!why.empty()) last_.clear();
        return why.empty();
    }

    int fd_ = -1;
    off_t size_ = 0;  // the bytes of whole records in the file
    bool dirty_ = false;
    bool broken_ = false;
    std::map<long, Record> last_;
    std::string error_;
    std::chrono::steady_clock::time_point synced_{};
};

}  // namespace bulk
